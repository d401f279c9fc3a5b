package io.leadsync.bootstrap;

import io.leadsync.application.port.in.capture.AuthenticateAgentUseCase;
import io.leadsync.application.port.in.administer.ReencryptSecretsUseCase;
import io.leadsync.application.port.in.delivery.PushDeliveriesUseCase;
import io.leadsync.application.port.in.pull.PullChangesUseCase;
import io.leadsync.application.port.out.CrmBulkLeadWriter;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.application.service.pull.PullChangesService;
import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.application.service.administer.AuditService;
import io.leadsync.application.port.in.delivery.RouteChangesUseCase;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.service.delivery.PushDeliveriesService;
import io.leadsync.application.service.delivery.RouteChangesService;
import io.leadsync.application.service.administer.ReencryptSecretsService;
import io.leadsync.application.port.in.administer.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.capture.GetLeadUseCase;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.application.port.in.capture.ListLeadsUseCase;
import io.leadsync.application.port.in.administer.SetUpFirstWorkspaceUseCase;
import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.application.service.capture.AuthenticateAgentService;
import io.leadsync.application.service.administer.CreateWorkspaceService;
import io.leadsync.application.service.capture.GetLeadService;
import io.leadsync.application.service.administer.IssueApiKeyService;
import io.leadsync.application.service.capture.ListLeadsService;
import io.leadsync.application.service.administer.SetUpFirstWorkspaceService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.leadsync.application.port.out.ApiBudget;
import io.leadsync.application.service.connect.CallBudget;
import io.leadsync.application.port.in.connect.GetConnectionBudgetUseCase;
import io.leadsync.application.service.connect.GetConnectionBudgetService;
import io.leadsync.application.port.in.connect.CompleteConnectUseCase;
import io.leadsync.application.port.in.connect.DisconnectUseCase;
import io.leadsync.application.port.in.connect.ListConnectionsUseCase;
import io.leadsync.application.port.in.connect.ProvisionConnectionUseCase;
import io.leadsync.application.port.in.connect.StartConnectUseCase;
import io.leadsync.application.port.in.delivery.SyncNowUseCase;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.CrmProvisioner;
import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.service.connect.CompleteConnectService;
import io.leadsync.application.service.configure.ChangeSalesforceOptionsService;
import io.leadsync.application.port.in.configure.ChangeSalesforceOptionsUseCase;
import io.leadsync.application.service.connect.DisconnectService;
import io.leadsync.application.service.connect.ListConnectionsService;
import io.leadsync.application.service.connect.ProvisionConnectionService;
import io.leadsync.application.service.connect.StartConnectService;
import io.leadsync.application.service.delivery.SyncNowService;
import io.leadsync.application.service.delivery.SyncNowRuns;
import io.leadsync.application.service.delivery.SyncProgressService;
import io.leadsync.application.port.in.delivery.GetSyncProgressUseCase;
import java.util.List;
import io.leadsync.application.port.in.delivery.BackfillUseCase;
import io.leadsync.application.port.in.configure.ChangeSettingsUseCase;
import io.leadsync.application.port.in.connect.ConnectionErrorsUseCase;
import io.leadsync.application.port.in.configure.ReplaceMappingsUseCase;
import io.leadsync.application.service.delivery.BackfillService;
import io.leadsync.application.service.configure.ChangeSettingsService;
import io.leadsync.application.service.connect.ConnectionErrorsService;
import io.leadsync.application.service.configure.ReplaceMappingsService;
import jakarta.inject.Singleton;
import io.leadsync.application.port.in.connect.CreateEndpointConnectionUseCase;
import io.leadsync.application.port.out.DeliveryWindow;
import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.LeadEndpoint;
import io.leadsync.application.service.connect.CreateEndpointConnectionService;
import io.leadsync.application.service.delivery.EndpointDeliveries;
import io.leadsync.application.port.in.delivery.GetEndpointStatusUseCase;
import io.leadsync.application.service.delivery.GetEndpointStatusService;
import io.leadsync.application.port.in.administer.ListActivitiesUseCase;
import io.leadsync.application.port.in.capture.LogActivityUseCase;
import io.leadsync.application.port.in.delivery.PushActivitiesUseCase;
import io.leadsync.application.port.out.ActivityStore;
import io.leadsync.application.port.out.CrmActivityWriter;
import io.leadsync.application.service.capture.LogActivityService;
import io.leadsync.application.service.delivery.PushActivitiesService;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Wires the framework-free services to the adapters that implement their ports. The services carry no annotations;
 * this factory is the only place that knows which implementation serves which port.
 */
@Factory
final class CoreFactory {

    /** Whole microseconds: what PostgreSQL's timestamptz keeps, so an instant reads back exactly as written. */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Singleton
    IdGenerator idGenerator() {
        return UUID::randomUUID;
    }

    @Singleton
    SecretGenerator secretGenerator() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        };
    }

    /**
     * Every CRM call of every connection takes from its budget first (ADR 0016): {@code leadsync.budget.daily-calls}
     * a connection and UTC day, at most {@code leadsync.budget.calls-per-second}, counted in PostgreSQL for all nodes.
     */
    @Singleton
    CallBudget callBudget(ApiBudget budget,
                          @Value("${leadsync.budget.daily-calls:15000}") long dailyCalls,
                          @Value("${leadsync.budget.calls-per-second:10}") int callsPerSecond) {
        return new CallBudget(budget, dailyCalls, callsPerSecond);
    }

    @Singleton
    GetConnectionBudgetUseCase connectionBudget(CallBudget budget, Clock clock) {
        return new GetConnectionBudgetService(budget, clock);
    }

    @Singleton
    ReencryptSecretsUseCase reencryptSecrets(TokenVault vault, EndpointSettingsStore endpoints,
                                             TransactionBoundary transactions) {
        return new ReencryptSecretsService(vault, endpoints, transactions);
    }

    @Singleton
    GetLeadUseCase getLead(LeadRepository leads) {
        return new GetLeadService(leads);
    }

    @Singleton
    ListLeadsUseCase listLeads(LeadRepository leads) {
        return new ListLeadsService(leads);
    }

    @Singleton
    AuthenticateAgentUseCase authenticateAgent(ApiKeyRepository keys) {
        return new AuthenticateAgentService(keys);
    }

    @Singleton
    CreateWorkspaceService createWorkspace(WorkspaceRepository workspaces, IdGenerator ids, Clock clock) {
        return new CreateWorkspaceService(workspaces, ids, clock);
    }

    @Singleton
    IssueApiKeyService issueApiKey(WorkspaceRepository workspaces, ApiKeyRepository keys, SecretGenerator secrets,
                                   IdGenerator ids, Clock clock) {
        return new IssueApiKeyService(workspaces, keys, secrets, ids, clock);
    }

    @Singleton
    SetUpFirstWorkspaceUseCase setUpFirstWorkspace(WorkspaceRepository workspaces, CreateWorkspaceService create,
                                                   IssueApiKeyService issue, TransactionBoundary transactions) {
        return new SetUpFirstWorkspaceService(workspaces, create, issue, transactions);
    }

    @Singleton
    StartConnectUseCase startConnect(List<CrmAuthorization> authorizations, CrmConnectionRepository connections,
                                     PendingConnectRepository pending, AuditLog audit, TransactionBoundary transactions,
                                     SecretGenerator secrets, IdGenerator ids, Clock clock,
                                     SalesforceConfiguration salesforce) {
        return new StartConnectService(authorizations, connections, pending, audit, transactions, secrets, ids, clock)
                .acceptingMyDomains(salesforce.acceptedMyDomains());
    }

    @Singleton
    CompleteConnectUseCase completeConnect(List<CrmAuthorization> authorizations, CrmConnectionRepository connections,
                                           PendingConnectRepository pending, TokenVault vault, AuditLog audit,
                                           TransactionBoundary transactions, IdGenerator ids, Clock clock,
                                           ProvisionConnectionUseCase provisioning, CrmLinkRepository links,
                                           PullSchedule pulls) {
        return new CompleteConnectService(authorizations, connections, pending, vault, audit, transactions, ids, clock,
                provisioning).forgettingOldOrgs(links, pulls);
    }

    @Singleton
    ProvisionConnectionUseCase provisionConnection(List<CrmAuthorization> authorizations,
                                                   List<CrmProvisioner> provisioners,
                                                   CrmConnectionRepository connections, TokenVault vault,
                                                   AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                                                   Clock clock, CallBudget budget) {
        return new ProvisionConnectionService(authorizations, provisioners, connections, vault, audit, transactions,
                ids, clock).withBudget(budget);
    }

    @Singleton
    ListConnectionsUseCase listConnections(CrmConnectionRepository connections) {
        return new ListConnectionsService(connections);
    }

    @Singleton
    DisconnectUseCase disconnect(List<CrmAuthorization> authorizations, CrmConnectionRepository connections,
                                 TokenVault vault, AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                                 Clock clock, CallBudget budget, EndpointSettingsStore endpoints,
                                 DeliveryQueue deliveries) {
        return new DisconnectService(authorizations, connections, vault, audit, transactions, ids, clock)
                .withBudget(budget).withEndpointSettings(endpoints).withDeliveries(deliveries);
    }

    /** "Sync now" drains the push pipeline's queue (ADR 0054); its runs' times, for the progress, live here. */
    @Singleton
    SyncNowRuns syncNowRuns() {
        return new SyncNowRuns();
    }

    @Singleton
    SyncNowUseCase syncNow(PushDeliveriesService pipeline, List<CrmLeadWriter> writers,
                           CrmConnectionRepository connections, LeadRepository leads, DeliveryQueue deliveries,
                           TokenVault vault, AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                           Clock clock, SyncNowRuns runs) {
        return new SyncNowService(pipeline, writers, connections, leads, deliveries, vault, audit, transactions, ids,
                clock, runs);
    }

    @Singleton
    GetSyncProgressUseCase syncProgress(CrmConnectionRepository connections, LeadRepository leads,
                                        DeliveryQueue deliveries, SyncNowRuns runs, Clock clock) {
        return new SyncProgressService(connections, leads, deliveries, runs, clock);
    }

    @Singleton
    RouteChangesUseCase routeChanges(Outbox outbox, DeliveryQueue deliveries, CrmConnectionRepository connections,
                                     List<CrmLeadWriter> writers, TransactionBoundary transactions, Clock clock,
                                     EndpointDeliveries endpoints) {
        return new RouteChangesService(outbox, deliveries, connections, writers, transactions, clock)
                .alsoRoutingTo(endpoints.kinds());
    }

    @Singleton
    PushDeliveriesService pushDeliveries(List<CrmAuthorization> authorizations, List<CrmLeadWriter> writers,
                                         DeliveryQueue deliveries, WorkspaceRepository workspaces,
                                         CrmConnectionRepository connections, LeadRepository leads,
                                         CrmLinkRepository links, TokenVault vault, AuditLog audit,
                                         TransactionBoundary transactions, IdGenerator ids, Clock clock,
                                         CallBudget budget, EndpointDeliveries endpoints,
                                         io.leadsync.application.port.out.SuppressionRepository suppressions,
                                         List<CrmBulkLeadWriter> bulkWriters,
                                         @Value("${leadsync.sync.bulk-threshold:2000}") int bulkThreshold,
                                         Outbox outbox, ConnectionHealthStore health,
                                         @Value("${leadsync.sync.push.first-backoff:30s}") Duration firstBackoff,
                                         @Value("${leadsync.sync.push.lease:2m}") Duration lease) {
        return new PushDeliveriesService(authorizations, writers, deliveries, workspaces, connections, leads, links,
                vault, audit, transactions, ids, clock, budget).withEndpoints(endpoints)
                .withBulk(bulkWriters, bulkThreshold).withSuppressions(suppressions).withConversions(outbox)
                .withHealth(health).withTimings(firstBackoff, lease);
    }

    /**
     * Webhooks and Web-to-Lead, one lead per request (issue 7): {@code leadsync.webhook.retries} retries after the
     * first try, waiting {@code leadsync.webhook.first-backoff} and doubling.
     */
    @Singleton
    EndpointDeliveries endpointDeliveries(List<LeadEndpoint> endpoints, EndpointSettingsStore settings,
                                          DeliveryWindow window, DeliveryQueue deliveries,
                                          WorkspaceRepository workspaces, LeadRepository leads, AuditLog audit,
                                          TransactionBoundary transactions, IdGenerator ids, Clock clock,
                                          @Value("${leadsync.webhook.retries:3}") int retries,
                                          @Value("${leadsync.webhook.first-backoff:30s}") Duration firstBackoff,
                                          io.leadsync.application.port.out.SuppressionRepository suppressions,
                                          ConnectionHealthStore health) {
        return new EndpointDeliveries(endpoints, settings, window, deliveries, workspaces, leads, audit, transactions,
                ids, clock, new EndpointDeliveries.Retries(retries, firstBackoff)).withSuppressions(suppressions)
                .withHealth(health);
    }

    /** Agents' activities (issue 7): logged once, then written by the background push to each target CRM. */
    @Singleton
    LogActivityService logActivity(LeadRepository leads, CrmConnectionRepository connections,
                                   ActivityStore activities, List<CrmActivityWriter> writers,
                                   TransactionBoundary transactions, IdGenerator ids, Clock clock,
                                   io.leadsync.application.port.out.AgentRoutingRepository routing) {
        return new LogActivityService(leads, connections, activities, writers, transactions, ids, clock)
                .withRouting(routing);
    }

    @Singleton
    PushActivitiesUseCase pushActivities(List<CrmAuthorization> authorizations, List<CrmActivityWriter> writers,
                                         ActivityStore activities, CrmConnectionRepository connections,
                                         CrmLinkRepository links, TokenVault vault, AuditLog audit,
                                         TransactionBoundary transactions, IdGenerator ids, Clock clock,
                                         CallBudget budget) {
        return new PushActivitiesService(authorizations, writers, activities, connections, links, vault, audit,
                transactions, ids, clock, budget);
    }

    @Singleton
    GetEndpointStatusUseCase endpointStatus(CrmConnectionRepository connections, DeliveryWindow window,
                                            DeliveryQueue deliveries, Clock clock) {
        return new GetEndpointStatusService(connections, window, deliveries, clock);
    }

    @Singleton
    CreateEndpointConnectionUseCase createEndpointConnection(CrmConnectionRepository connections,
                                                             EndpointSettingsStore settings, AuditLog audit,
                                                             TransactionBoundary transactions,
                                                             SecretGenerator secrets, IdGenerator ids, Clock clock,
                                                             io.leadsync.application.port.out.HostResolver resolver,
                                                             io.leadsync.domain.outbound.OutboundPolicy outbound,
                                                             SalesforceConfiguration salesforce) {
        return new CreateEndpointConnectionService(connections, settings, audit, transactions, secrets, ids, clock,
                resolver, outbound).acceptingMyDomains(salesforce.acceptedMyDomains());
    }

    @Singleton
    PullChangesUseCase pullChanges(List<CrmAuthorization> authorizations, List<CrmChangeReader> readers,
                                   PullSchedule schedule, CrmConnectionRepository connections, LeadRepository leads,
                                   CrmLinkRepository links, Outbox outbox, DeliveryQueue deliveries, TokenVault vault,
                                   AuditLog audit, TransactionBoundary transactions, IdGenerator ids, Clock clock,
                                   CallBudget budget, ConnectionHealthStore health) {
        return new PullChangesService(authorizations, readers, schedule, connections, leads, links, outbox, deliveries,
                vault, audit, transactions, ids, clock, budget).withHealth(health);
    }

    @Singleton
    ChangeSettingsUseCase changeSettings(CrmConnectionRepository connections, DeliveryQueue deliveries, AuditLog audit,
                                         TransactionBoundary transactions, IdGenerator ids, Clock clock,
                                         PullSchedule pulls,
                                         io.leadsync.application.port.in.configure.ListTargetObjectsUseCase targets) {
        return new ChangeSettingsService(connections, deliveries, audit, transactions, ids, clock)
                .withPullSchedule(pulls).withTargetObjects(targets);
    }

    @Singleton
    ChangeSalesforceOptionsUseCase changeSalesforceOptions(CrmConnectionRepository connections, AuditLog audit,
                                                           TransactionBoundary transactions, IdGenerator ids,
                                                           Clock clock) {
        return new ChangeSalesforceOptionsService(connections, audit, transactions, ids, clock);
    }

    @Singleton
    ReplaceMappingsUseCase replaceMappings(CrmConnectionRepository connections, AuditLog audit,
                                           TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        return new ReplaceMappingsService(connections, audit, transactions, ids, clock);
    }

    @Singleton
    BackfillUseCase backfill(CrmConnectionRepository connections, LeadRepository leads, DeliveryQueue deliveries,
                             AuditLog audit, TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        return new BackfillService(connections, leads, deliveries, audit, transactions, ids, clock);
    }

    @Singleton
    ConnectionErrorsUseCase connectionErrors(CrmConnectionRepository connections, DeliveryQueue deliveries,
                                             AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                                             Clock clock) {
        return new ConnectionErrorsService(connections, deliveries, audit, transactions, ids, clock);
    }

    // Admin UI users (issue 6): login, access per workspace, members, the first owner, API keys on the settings page.
    @Singleton
    io.leadsync.application.port.in.administer.LogInUseCase logIn(io.leadsync.application.port.out.UserRepository users,
                                                       io.leadsync.application.port.out.PasswordHasher hasher) {
        return new io.leadsync.application.service.administer.LogInService(users, hasher);
    }

    // Single sign-on (ADR 0028): a provider-verified email names an existing member.
    @Singleton
    io.leadsync.application.port.in.administer.SignOnUseCase signOn(io.leadsync.application.port.out.UserRepository users) {
        return new io.leadsync.application.service.administer.SignOnService(users);
    }

    @Singleton
    io.leadsync.application.service.administer.UserAccessService userAccess(io.leadsync.application.port.out.UserRepository users,
                                                                 WorkspaceRepository workspaces) {
        return new io.leadsync.application.service.administer.UserAccessService(users, workspaces);
    }

    @Singleton
    io.leadsync.application.port.in.administer.AddMemberUseCase addMember(io.leadsync.application.port.out.UserRepository users,
                                                               io.leadsync.application.port.out.PasswordHasher hasher,
                                                               TransactionBoundary transactions, IdGenerator ids,
                                                               Clock clock) {
        return new io.leadsync.application.service.administer.AddMemberService(users, hasher, transactions, ids, clock);
    }

    @Singleton
    io.leadsync.application.port.in.administer.SetUpFirstUserUseCase setUpFirstUser(
            io.leadsync.application.port.out.UserRepository users, WorkspaceRepository workspaces,
            io.leadsync.application.port.out.PasswordHasher hasher, SecretGenerator secrets,
            TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        return new io.leadsync.application.service.administer.SetUpFirstUserService(users, workspaces, hasher, secrets,
                transactions, ids, clock);
    }

    @Singleton
    io.leadsync.application.port.in.administer.ManageApiKeysUseCase manageApiKeys(ApiKeyRepository keys,
                                                                       TransactionBoundary transactions, Clock clock) {
        return new io.leadsync.application.service.administer.ManageApiKeysService(keys, transactions, clock);
    }

    @Singleton
    io.leadsync.application.port.in.configure.ChangeWorkspaceDefaultsUseCase changeWorkspaceDefaults(
            WorkspaceRepository workspaces, io.leadsync.application.port.out.UserRepository users, AuditLog audit,
            TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        return new io.leadsync.application.service.configure.ChangeWorkspaceDefaultsService(workspaces, users, audit,
                transactions, ids, clock);
    }

    @Singleton
    io.leadsync.application.port.in.capture.SearchLeadsUseCase searchLeads(LeadRepository leads) {
        return new io.leadsync.application.service.capture.SearchLeadsService(leads);
    }

    @Singleton
    io.leadsync.application.port.in.delivery.LeadDeliveryStatesUseCase leadDeliveryStates(Outbox outbox,
            io.leadsync.application.port.out.ActionLog actions) {
        return new io.leadsync.application.service.delivery.LeadDeliveryStatesService(outbox, actions);
    }

    @Singleton
    io.leadsync.application.port.in.pull.LeadLinksUseCase leadLinks(CrmLinkRepository links) {
        return new io.leadsync.application.service.pull.LeadLinksService(links);
    }

    @Singleton
    AuditService audit(AuditLog audit, TransactionBoundary transactions, Clock clock) {
        return new AuditService(audit, transactions, clock);
    }
}
