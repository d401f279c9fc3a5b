package io.leadsync.application.service.delivery;

import io.leadsync.application.port.in.delivery.PushDeliveriesUseCase;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmBulkLeadWriter;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.DeliveryQueue.Delivery;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.PushLocks;
import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.crmcall.ConnectionCalls;
import io.leadsync.application.service.crmcall.CrmAuthorizations;
import io.leadsync.application.service.pull.LeadConversions;
import io.leadsync.application.service.crmcall.TokenRefresher;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.sync.RetryPolicy;
import io.leadsync.domain.sync.SendPolicy;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The push pipeline: delivers what connections owe, batch by batch, through one strategy per destination (a CRM's
 * batch upsert, a Bulk API 2.0 job for a large backlog, an endpoint post for webhooks and Web-to-Lead). Each batch is
 * claimed with a lease in a short transaction, sent outside any transaction through {@link ConnectionCalls} (one
 * wrapper for session, token refresh, budget and limits, answering a {@link io.leadsync.application.service.crmcall.CallOutcome}),
 * and each delivery's next state, as the domain's {@link io.leadsync.domain.sync.Delivery} and {@link RetryPolicy}
 * decide, written in another. "Sync now" drains the same queue through {@link #pushConnection} (ADR 0054).
 */
public final class PushDeliveriesService implements PushDeliveriesUseCase {
    static final RetryPolicy RETRY = RetryPolicy.crmPush();
    static final int MAX_ATTEMPTS = RETRY.refusedAttempts();
    /** A CRM that cannot be reached or answers 5xx says nothing about the records: more attempts (ADR 0027). */
    static final int MAX_UNAVAILABLE_ATTEMPTS = RETRY.unavailableAttempts();
    static final Duration MAX_BACKOFF = RETRY.maxBackoff();
    static final Duration FIRST_BACKOFF = RETRY.firstBackoff();
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int CONNECTIONS_PER_ROUND = 20;
    static final Duration NOT_SYNCING_RECHECK = NotSyncing.RECHECK;
    /** The most records one bulk job takes from the queue (ADR 0017). */
    static final int BULK_CHUNK = 10_000;
    /** A bulk job is waited for (up to 15 minutes): its records stay leased that long and a little more. */
    static final Duration BULK_LEASE = Duration.ofMinutes(20);

    private final CrmAuthorizations authorizations;
    private final Map<CrmKind, CrmLeadWriter> writers = new EnumMap<>(CrmKind.class);
    private final DeliveryQueue deliveries;
    private final WorkspaceRepository workspaces;
    private final CrmConnectionRepository connections;
    private final LeadRepository leads;
    private final TokenVault vault;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final TokenRefresher refresher;
    private final CallBudget budget;
    private final CrmDeliveries crm;
    private Optional<EndpointDeliveries> endpoints = Optional.empty();
    private final Map<CrmKind, CrmBulkLeadWriter> bulkWriters = new EnumMap<>(CrmKind.class);
    private int bulkThreshold = Integer.MAX_VALUE;
    private Duration lease = LEASE;
    private PushLocks locks = PushLocks.local();
    private BiFunction<WorkspaceId, ConnectionId, Suppressions> suppressions = (workspace, connection) ->
            Suppressions.NONE;

    public PushDeliveriesService(List<CrmAuthorization> authorizations, List<CrmLeadWriter> writers,
                                 DeliveryQueue deliveries, WorkspaceRepository workspaces,
                                 CrmConnectionRepository connections, LeadRepository leads, CrmLinkRepository links,
                                 TokenVault vault, AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                                 Clock clock) {
        this(authorizations, writers, deliveries, workspaces, connections, leads, links, vault, audit, transactions,
                ids, clock, CallBudget.unlimited());
    }

    public PushDeliveriesService(List<CrmAuthorization> authorizations, List<CrmLeadWriter> writers,
                                 DeliveryQueue deliveries, WorkspaceRepository workspaces,
                                 CrmConnectionRepository connections, LeadRepository leads, CrmLinkRepository links,
                                 TokenVault vault, AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                                 Clock clock, CallBudget budget) {
        this.budget = budget;
        this.authorizations = new CrmAuthorizations(authorizations);
        writers.forEach(writer -> this.writers.put(writer.kind(), writer));
        this.deliveries = deliveries;
        this.workspaces = workspaces;
        this.connections = connections;
        this.leads = leads;
        this.vault = vault;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.refresher = new TokenRefresher(vault, transactions, clock);
        this.crm = new CrmDeliveries(deliveries, connections, leads, links, audit, transactions, ids, clock, RETRY);
    }

    /**
     * With the outbox, a write that found the lead's record converted also marks the lead CONVERTED and owes the
     * Contact the whole lead (see {@link LeadConversions}); without, only the link moves to the Contact.
     */
    public PushDeliveriesService withConversions(io.leadsync.application.port.out.Outbox outbox) {
        crm.conversions = Optional.of(new LeadConversions(leads, outbox, deliveries, audit, ids));
        return this;
    }

    /**
     * Other waits than the defaults (30 s first backoff, doubling; a two-minute lease): tests that prove retries and
     * lease expiry use seconds instead of minutes, so the suite waits for the behaviour rather than for the clock.
     * The number of attempts and the cap of the backoff stay the push policy's.
     */
    public PushDeliveriesService withTimings(Duration firstBackoff, Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the lease must be positive");
        }
        crm.retry = new RetryPolicy(RETRY.refusedAttempts(), RETRY.unavailableAttempts(), firstBackoff,
                RETRY.maxBackoff().compareTo(firstBackoff) < 0 ? firstBackoff : RETRY.maxBackoff(),
                RETRY.rateLimitWait(), RETRY.dailyLimitWait());
        this.lease = lease;
        return this;
    }

    /** Push-only connections (webhooks, Web-to-Lead) are delivered by {@code endpoints}, one lead per request. */
    public PushDeliveriesService withEndpoints(EndpointDeliveries endpoints) {
        this.endpoints = Optional.of(endpoints);
        return this;
    }

    /**
     * From {@code threshold} due entries on, a connection whose CRM has a bulk writer gets them as bulk jobs of up to
     * {@link #BULK_CHUNK} (ADR 0017).
     */
    public PushDeliveriesService withBulk(List<CrmBulkLeadWriter> writers, int threshold) {
        writers.forEach(writer -> bulkWriters.put(writer.kind(), writer));
        this.bulkThreshold = threshold;
        return this;
    }

    /** Who pushes which connection across the nodes (ADR 0104); a single process holds its own by default. */
    public PushDeliveriesService withLocks(PushLocks locks) {
        this.locks = locks;
        return this;
    }

    /** Each batch's outcome feeds the connection's health (issue 16). */
    public PushDeliveriesService withHealth(ConnectionHealthStore health) {
        crm.health = health;
        return this;
    }

    /** Leads on a connection's suppression list are never sent to it: SKIPPED with the reason (ADR 0021). */
    public PushDeliveriesService withSuppressions(SuppressionRepository suppressions) {
        this.suppressions = suppressions::find;
        return this;
    }

    @Override
    public int pushDue(String node) {
        int sent = 0;
        for (DeliveryQueue.Due due : deliveries.due(clock.instant(), CONNECTIONS_PER_ROUND)) {
            BatchOutcome outcome = pushConnection(due.workspaceId(), due.connectionId(), node);
            // What reached the CRM's answer: a batch held back whole (a limit, a spent budget) sent nothing.
            sent += outcome.stopped().isPresent() ? 0 : outcome.delivered() + outcome.failed().size()
                    + outcome.waiting().size();
        }
        return sent;
    }

    @Override
    public List<Owing> owing(Duration waited, int limit) {
        return deliveries.due(clock.instant().minus(waited), limit).stream().map(due -> new Owing(due.workspaceId(), due.connectionId()))
                .toList();
    }

    @Override
    public BatchResult pushBatch(WorkspaceId workspaceId, ConnectionId connectionId, String node, Duration waited) {
        // Checked again here: the nodes' windows close at about the same moment, and a node that found the
        // connection owing just before another claimed its due leads would send the few that came after, alone.
        if (!waited.isZero() && deliveries.countDue(workspaceId, connectionId, clock.instant().minus(waited), 1) == 0) {
            return BatchResult.DONE;
        }
        BatchOutcome outcome = pushConnection(workspaceId, connectionId, node);
        if (outcome.heldElsewhere()) {
            return BatchResult.HELD_ELSEWHERE;
        }
        // A full batch leaves more due behind it (a backlog): the caller goes on at once rather than after a window.
        boolean full = outcome.claimed() > 0 && outcome.stopped().isEmpty() && connections.find(workspaceId,
                connectionId).map(this::batchSize).filter(size -> outcome.claimed() >= size).isPresent();
        return full ? BatchResult.MORE_DUE : BatchResult.DONE;
    }

    /**
     * One batch of one connection's due deliveries, through the destination's strategy; {@link BatchOutcome#NOTHING}
     * when none was due or the connection does not sync, {@link BatchOutcome#HELD_ELSEWHERE} when another node or
     * caller is pushing it right now.
     */
    public BatchOutcome pushConnection(WorkspaceId workspaceId, ConnectionId connectionId, String node) {
        return pushConnection(workspaceId, connectionId, node, clock.instant());
    }

    /**
     * As {@link #pushConnection(WorkspaceId, ConnectionId, String)}, claiming what is due at {@code asOf}: "sync now"
     * queues its leads a little ahead and drains them at once, so the worker leaves them to it.
     */
    public BatchOutcome pushConnection(WorkspaceId workspaceId, ConnectionId connectionId, String node,
                                       Instant asOf) {
        // One batch of a connection in flight across the nodes, claim to outcome (ADR 0104).
        Optional<PushLocks.Hold> hold = locks.tryHold(workspaceId, connectionId);
        if (hold.isEmpty()) {
            return BatchOutcome.HELD_ELSEWHERE;
        }
        try (PushLocks.Hold held = hold.get()) {
            return pushHeld(workspaceId, connectionId, node, asOf);
        }
    }

    private BatchOutcome pushHeld(WorkspaceId workspaceId, ConnectionId connectionId, String node, Instant asOf) {
        Optional<CrmConnection> found = connections.find(workspaceId, connectionId);
        if (found.isPresent() && found.get().syncs()
                && endpoints.filter(endpoint -> endpoint.serves(found.get().kind())).isPresent()) {
            return endpoints.get().push(found.get(), node);
        }
        CrmLeadWriter writer = found.map(connection -> writers.get(connection.kind())).orElse(null);
        if (found.isEmpty() || !found.get().syncs() || writer == null) {
            NotSyncing.setAside(deliveries, transactions, workspaceId, connectionId, found, clock.instant(), lease);
            return BatchOutcome.NOTHING;
        }
        CrmConnection connection = found.get();
        Optional<CrmTokens> tokens = vault.find(workspaceId, connectionId);
        if (tokens.isEmpty()) {
            return BatchOutcome.NOTHING;
        }
        Instant now = asOf;
        CrmWrite write = strategy(connection, writer, now);
        List<Delivery> claimed = transactions.inTransaction(() -> deliveries.claim(workspaceId, connectionId, node,
                now, now.plus(write.lease()), write.batchSize()));
        if (claimed.isEmpty()) {
            return BatchOutcome.NOTHING;
        }
        Workspace workspace = workspaces.find(workspaceId).orElseThrow();
        ConnectionCalls calls = new ConnectionCalls(workspaceId, CrmSession.of(connection, tokens.get()), refresher,
                authorizations.of(connection.kind()), clock, budget);
        return crm.deliver(connection, workspace, suppressions.apply(workspaceId, connectionId), node, claimed, write,
                calls);
    }

    /**
     * A large backlog (a backfill, a new connection, "sync now") goes as one bulk job: a handful of calls instead of
     * one per batch.
     */
    private CrmWrite strategy(CrmConnection connection, CrmLeadWriter writer, Instant now) {
        CrmBulkLeadWriter bulk = bulkWriters.get(connection.kind());
        if (bulk != null && deliveries.countDue(connection.workspaceId(), connection.id(), now, bulkThreshold)
                >= bulkThreshold) {
            return CrmWrite.bulk(bulk, writer, BULK_CHUNK, BULK_LEASE);
        }
        return CrmWrite.batches(writer, lease);
    }

    /** How many entries one ordinary (not bulk) batch of this connection claims. */
    int batchSize(CrmConnection connection) {
        CrmLeadWriter writer = writers.get(connection.kind());
        return writer == null ? EndpointDeliveries.BATCH : writer.claimLimit();
    }

    static Duration backoff(int attemptsSoFar) {
        return RETRY.backoff(attemptsSoFar);
    }
}
