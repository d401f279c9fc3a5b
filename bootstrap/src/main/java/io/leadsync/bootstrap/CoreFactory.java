package io.leadsync.bootstrap;

import io.leadsync.application.port.in.delivery.BackfillUseCase;
import io.leadsync.application.port.in.delivery.GetEndpointStatusUseCase;
import io.leadsync.application.port.in.delivery.GetSyncProgressUseCase;
import io.leadsync.application.port.in.delivery.PushActivitiesUseCase;
import io.leadsync.application.port.in.delivery.RouteChangesUseCase;
import io.leadsync.application.port.in.delivery.SyncNowUseCase;
import io.leadsync.application.port.out.ActivityStore;
import io.leadsync.application.port.out.ApiBudget;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.application.port.out.CrmActivityWriter;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmBulkLeadWriter;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.DeliveryWindow;
import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadEndpoint;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.delivery.BackfillService;
import io.leadsync.application.service.delivery.EndpointDeliveries;
import io.leadsync.application.service.delivery.GetEndpointStatusService;
import io.leadsync.application.service.delivery.PushActivitiesService;
import io.leadsync.application.service.delivery.PushDeliveriesService;
import io.leadsync.application.service.delivery.RouteChangesService;
import io.leadsync.application.service.delivery.SyncNowRuns;
import io.leadsync.application.service.delivery.SyncNowService;
import io.leadsync.application.service.delivery.SyncProgressService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Wires the framework-free services to the adapters that implement their ports: here the shared clock, ids, secrets
 * and call budget, and the delivery pipeline; each other capability has its own factory (ConnectFactory,
 * ConfigureFactory, CaptureFactory, AdministerFactory). The services carry no annotations; the factories are the only
 * place that knows which implementation serves which port.
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
                                         @Value("${leadsync.sync.push.lease:2m}") Duration lease,
                                         io.leadsync.application.port.out.PushLocks locks) {
        return new PushDeliveriesService(authorizations, writers, deliveries, workspaces, connections, leads, links,
                vault, audit, transactions, ids, clock, budget).withEndpoints(endpoints)
                .withBulk(bulkWriters, bulkThreshold).withSuppressions(suppressions).withConversions(outbox)
                .withHealth(health).withTimings(firstBackoff, lease).withLocks(locks);
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
    BackfillUseCase backfill(CrmConnectionRepository connections, LeadRepository leads, DeliveryQueue deliveries,
                             AuditLog audit, TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        return new BackfillService(connections, leads, deliveries, audit, transactions, ids, clock);
    }

    @Singleton
    io.leadsync.application.port.in.delivery.LeadDeliveryStatesUseCase leadDeliveryStates(Outbox outbox,
            io.leadsync.application.port.out.ActionLog actions) {
        return new io.leadsync.application.service.delivery.LeadDeliveryStatesService(outbox, actions);
    }
}
