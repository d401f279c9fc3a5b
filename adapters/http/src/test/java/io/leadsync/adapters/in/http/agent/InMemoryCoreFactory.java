package io.leadsync.adapters.in.http.agent;

import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.application.port.in.capture.AuthenticateAgentUseCase;
import io.leadsync.application.port.in.capture.IdempotencyUseCase;
import io.leadsync.application.port.in.capture.PerformLeadActionUseCase;
import io.leadsync.application.service.capture.IdempotencyService;
import io.leadsync.application.testing.InMemoryDuplicateRules;
import io.leadsync.application.testing.InMemoryIdempotencyStore;
import io.leadsync.application.testing.InMemorySuppressionRepository;
import io.leadsync.application.service.capture.LeadActionService;
import io.leadsync.application.testing.InMemoryActionLog;
import io.leadsync.application.testing.InMemoryAgentRoutingRepository;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryCrmLinkRepository;
import java.util.List;
import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.capture.GetLeadUseCase;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssuedApiKey;
import io.leadsync.application.port.in.capture.ListLeadsUseCase;
import io.leadsync.application.service.capture.AuthenticateAgentService;
import io.leadsync.application.service.administer.CreateWorkspaceService;
import io.leadsync.application.service.capture.GetLeadService;
import io.leadsync.application.service.administer.IssueApiKeyService;
import io.leadsync.application.service.capture.ListLeadsService;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.InMemoryApiKeyRepository;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.InMemoryOutbox;
import io.leadsync.application.testing.InMemoryWorkspaceRepository;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import static io.leadsync.domain.lead.LeadFixtures.T0;

/** What bootstrap's CoreFactory does in production, over the in-memory fakes so tests can look inside them. */
@Factory
class InMemoryCoreFactory {
    /** Keys of two workspaces, and a revoked key of the first. */
    record TestKeys(WorkspaceId workspace, String key, WorkspaceId otherWorkspace, String otherKey, String revokedKey) {
    }

    @Singleton
    InMemoryLeadRepository leads() {
        return new InMemoryLeadRepository();
    }

    @Singleton
    InMemoryOutbox outbox() {
        return new InMemoryOutbox();
    }

    @Singleton
    InMemoryApiKeyRepository keys() {
        return new InMemoryApiKeyRepository();
    }

    @Singleton
    InMemoryWorkspaceRepository workspaces() {
        return new InMemoryWorkspaceRepository();
    }

    /** The admin UI's users: none here, but the session fetcher of the admin API needs the use case. */
    @Singleton
    io.leadsync.application.port.in.administer.GetUserAccessUseCase userAccess(InMemoryWorkspaceRepository workspaces) {
        return new io.leadsync.application.service.administer.UserAccessService(
                new io.leadsync.application.testing.InMemoryUserRepository(), workspaces);
    }

    /** No one signs in here either, but the session cookie reader needs its use case. */
    @Singleton
    io.leadsync.application.port.in.administer.AdminSessionsUseCase adminSessions(SequentialIds ids, MutableClock clock) {
        return new io.leadsync.application.service.administer.AdminSessionService(
                new io.leadsync.application.testing.InMemorySessionStore(), () -> "x".repeat(43), ids, clock,
                new io.leadsync.domain.workspace.SessionPolicy(java.time.Duration.ofHours(2),
                        java.time.Duration.ofHours(12)));
    }

    @Singleton
    MutableClock clock() {
        return new MutableClock(T0);
    }

    @Singleton
    SequentialIds ids() {
        return new SequentialIds();
    }

    @Singleton
    DirectTransactions transactions() {
        return new DirectTransactions();
    }

    /** Agent actions with no connections: every action goes to every connected CRM, of which there are none. */
    @Singleton
    PerformLeadActionUseCase performLeadAction(InMemoryLeadRepository leads, InMemoryOutbox outbox,
                                               DirectTransactions transactions, SequentialIds ids, MutableClock clock,
                                               InMemoryWorkspaceRepository workspaces) {
        return new LeadActionService(leads, outbox, transactions, ids, clock, new InMemoryCrmConnectionRepository(),
                new InMemoryAgentRoutingRepository(), new InMemoryActionLog(), workspaces,
                new InMemoryCrmLinkRepository(), List.of(), new InMemoryDuplicateRules(leads),
                new InMemorySuppressionRepository());
    }

    /** Batch capture over the same leads and outbox, with no connections either. */
    @Singleton
    io.leadsync.application.port.in.capture.CaptureLeadsUseCase captureLeads(InMemoryLeadRepository leads,
            InMemoryOutbox outbox, DirectTransactions transactions, SequentialIds ids, MutableClock clock) {
        return new io.leadsync.application.service.capture.CaptureBatchService(leads, outbox, transactions, ids, clock,
                new InMemoryCrmConnectionRepository(), new InMemoryAgentRoutingRepository(), new InMemoryActionLog(),
                List.of(), new InMemoryDuplicateRules(leads));
    }

    @Singleton
    IdempotencyUseCase idempotency(MutableClock clock) {
        return new IdempotencyService(new InMemoryIdempotencyStore(), clock, duration -> clock.advance(duration));
    }

    @Singleton
    GetLeadUseCase get(InMemoryLeadRepository leads) {
        return new GetLeadService(leads);
    }

    @Singleton
    ListLeadsUseCase list(InMemoryLeadRepository leads) {
        return new ListLeadsService(leads);
    }

    @Singleton
    AuthenticateAgentUseCase authenticate(InMemoryApiKeyRepository keys) {
        return new AuthenticateAgentService(keys);
    }

    @Singleton
    TestKeys testKeys(InMemoryWorkspaceRepository workspaces, InMemoryApiKeyRepository keys, SequentialIds ids,
                      MutableClock clock) {
        CreateWorkspaceService createWorkspace = new CreateWorkspaceService(workspaces, ids, clock);
        IssueApiKeyService issue = new IssueApiKeyService(workspaces, keys, ids, ids, clock);
        WorkspaceId acme = createWorkspace.create(new CreateWorkspaceCommand("Acme", "Acme SDR")).id();
        WorkspaceId globex = createWorkspace.create(new CreateWorkspaceCommand("Globex", "Globex SDR")).id();
        IssuedApiKey key = issue.issue(new IssueApiKeyCommand(acme, "agents", java.util.EnumSet.allOf(ApiKeyScope.class)));
        IssuedApiKey otherKey = issue.issue(new IssueApiKeyCommand(globex, "agents", java.util.EnumSet.allOf(ApiKeyScope.class)));
        IssuedApiKey revoked = issue.issue(new IssueApiKeyCommand(acme, "old agents", java.util.EnumSet.allOf(ApiKeyScope.class)));
        keys.update(revoked.key().revoke(clock.instant()));
        return new TestKeys(acme, key.secret(), globex, otherKey.secret(), revoked.secret());
    }
}
