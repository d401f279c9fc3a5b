package io.leadsync.application.service;

import io.leadsync.application.port.in.PushDeliveriesUseCase;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.application.port.out.CrmBulkLeadWriter;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.DeliveryQueue.Delivery;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.sync.FieldDiff;
import io.leadsync.domain.sync.SyncEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers what connections owe, batch by batch. Each batch is claimed with a lease in a short transaction, sent to the
 * CRM outside any transaction, and its outcomes written in another: a written record updates its link (the merge
 * base) and leaves the queue; a record the CRM may take later (lock, 5xx, timeout) waits with backoff; one it refuses
 * for good, or that failed {@link #MAX_ATTEMPTS} times, is FAILED with the CRM's reason. A rate limit or an expired
 * authorisation delays the whole batch without counting against its records.
 */
public final class PushDeliveriesService implements PushDeliveriesUseCase {
    static final int MAX_ATTEMPTS = 3;
    /**
     * A CRM that cannot be reached or answers 5xx says nothing about the records: the batch gets more attempts, with
     * the backoff capped, so a flaky or briefly down CRM (about an hour) loses nothing (issue 8's resilience suite:
     * with 15% of calls failing, three attempts left leads FAILED).
     */
    static final int MAX_UNAVAILABLE_ATTEMPTS = 10;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(10);
    static final Duration DAILY_LIMIT_WAIT = Duration.ofHours(1);
    static final int CONNECTIONS_PER_ROUND = 20;
    static final Duration NOT_SYNCING_RECHECK = Duration.ofMinutes(5);
    static final int SET_ASIDE_BATCH = 1_000;
    /** The most records one bulk job takes from the queue (as "sync now" sends them, ADR 0017). */
    static final int BULK_CHUNK = SyncNowService.BULK_CHUNK;
    /** A bulk job is waited for (up to 15 minutes): its records stay leased that long and a little more. */
    static final Duration BULK_LEASE = Duration.ofMinutes(20);

    private final CrmAuthorizations authorizations;
    private final Map<CrmKind, CrmLeadWriter> writers = new EnumMap<>(CrmKind.class);
    private final DeliveryQueue deliveries;
    private final WorkspaceRepository workspaces;
    private final CrmConnectionRepository connections;
    private final LeadRepository leads;
    private final CrmLinkRepository links;
    private final TokenVault vault;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final TokenRefresher refresher;
    private final CallBudget budget;
    private Optional<EndpointDeliveries> endpoints = Optional.empty();
    private Optional<LeadConversions> conversions = Optional.empty();
    private ConnectionHealthStore health = ConnectionHealthStore.NONE;
    private final Map<CrmKind, CrmBulkLeadWriter> bulkWriters = new EnumMap<>(CrmKind.class);
    private int bulkThreshold = Integer.MAX_VALUE;
    private java.util.function.BiFunction<io.leadsync.domain.workspace.WorkspaceId, io.leadsync.domain.crm.ConnectionId,
            Suppressions> suppressions = (workspace, connection) -> Suppressions.NONE;

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
        this.links = links;
        this.vault = vault;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.refresher = new TokenRefresher(vault, transactions, clock);
    }

    /**
     * With the outbox, a write that found the lead's record converted also marks the lead CONVERTED and owes the
     * Contact the whole lead (see {@link LeadConversions}); without, only the link moves to the Contact.
     */
    public PushDeliveriesService withConversions(io.leadsync.application.port.out.Outbox outbox) {
        this.conversions = Optional.of(new LeadConversions(leads, outbox, deliveries, audit, ids));
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

    /** Each batch's outcome feeds the connection's health (issue 16). */
    public PushDeliveriesService withHealth(ConnectionHealthStore health) {
        this.health = health;
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
            sent += pushBatch(due, node);
        }
        return sent;
    }

    private int pushBatch(DeliveryQueue.Due due, String node) {
        Optional<CrmConnection> found = connections.find(due.workspaceId(), due.connectionId());
        if (found.isPresent() && found.get().syncs()
                && endpoints.filter(endpoint -> endpoint.serves(found.get().kind())).isPresent()) {
            return endpoints.get().push(found.get(), node);
        }
        CrmLeadWriter writer = found.map(connection -> writers.get(connection.kind())).orElse(null);
        if (found.isEmpty() || !found.get().syncs() || writer == null) {
            setAside(due, found);
            return 0;
        }
        CrmConnection connection = found.get();
        Optional<CrmTokens> tokens = vault.find(due.workspaceId(), due.connectionId());
        if (tokens.isEmpty()) {
            return 0;
        }
        Instant started = clock.instant();
        // A large backlog (a backfill, a new connection) goes as one bulk job: a handful of calls instead of one per
        // batch. The job is waited for, so its lease covers the wait.
        CrmBulkLeadWriter bulk = bulkWriters.get(connection.kind());
        boolean viaBulk = bulk != null && deliveries.countDue(due.workspaceId(), due.connectionId(), started,
                bulkThreshold) >= bulkThreshold;
        List<Delivery> claimed = transactions.inTransaction(() -> deliveries.claim(due.workspaceId(),
                due.connectionId(), node, started, started.plus(viaBulk ? BULK_LEASE : LEASE),
                viaBulk ? BULK_CHUNK : writer.batchLimit()));
        if (claimed.isEmpty()) {
            return 0;
        }
        Workspace workspace = workspaces.find(due.workspaceId()).orElseThrow();
        Batch batch = new Batch(connection, workspace, suppressions.apply(workspace.id(), connection.id()));
        for (Delivery delivery : claimed) {
            batch.add(delivery);
        }
        if (batch.records.isEmpty()) {
            return 0;
        }
        ConnectionCalls calls = new ConnectionCalls(workspace.id(), CrmSession.of(connection, tokens.get()),
                refresher, authorizations.of(connection.kind()), clock,
                budget);
        List<UpsertResult> results;
        batch.viaBulk = viaBulk;
        try {
            results = viaBulk ? sendInBulk(calls, writer, bulk, batch) : calls.upsert(writer, batch.records).results();
        } catch (ReauthorizationRequiredException e) {
            transactions.inTransaction(() -> {
                CrmConnection current = connections.find(workspace.id(), connection.id()).orElseThrow();
                current.needsReauth(e.getMessage(), clock.instant());
                connections.update(current);
                batch.sent.forEach(delivery -> deliveries.retryLater(delivery, Optional.of(e.getMessage()),
                        clock.instant(), false));
                audit.record(batch.run(started, calls, "waits for the connection to be authorised again"));
                return null;
            });
            return 0;
        } catch (BudgetSpentException e) {
            // No call was made: the batch waits for the next day's budget without spending its attempts.
            transactions.inTransaction(() -> {
                batch.sent.forEach(delivery -> deliveries.retryLater(delivery, Optional.of(e.getMessage()),
                        e.resumesAt(), false));
                audit.record(batch.run(started, calls, "waits until " + e.resumesAt() + ": " + e.getMessage()));
                batch.recordRound("the API budget is spent, sending resumes at " + e.resumesAt() + ": "
                        + e.getMessage());
                return null;
            });
            return 0;
        } catch (CrmRateLimitedException e) {
            Duration wait = e.daily() ? DAILY_LIMIT_WAIT : e.retryAfter().orElse(RATE_LIMIT_WAIT);
            transactions.inTransaction(() -> {
                batch.sent.forEach(delivery -> deliveries.retryLater(delivery, Optional.of(e.getMessage()),
                        clock.instant().plus(wait), false));
                audit.record(batch.run(started, calls, "rate limited, waits " + wait.toSeconds() + " s: "
                        + e.getMessage()));
                return null;
            });
            return 0;
        } catch (CrmUnavailableException | CrmRejectedException e) {
            // A CRM that is down or answers 5xx says nothing about the records: they keep more attempts than a
            // record the CRM refused (ADR 0015).
            int maxAttempts = e instanceof CrmUnavailableException ? MAX_UNAVAILABLE_ATTEMPTS : MAX_ATTEMPTS;
            transactions.inTransaction(() -> {
                for (int i = 0; i < batch.sent.size(); i++) {
                    failedAttempt(batch, i, e.getMessage(), true, maxAttempts);
                }
                batch.entries.add(0, batch.run(started, calls, "the CRM failed: " + e.getMessage()));
                audit.recordAll(batch.entries);
                batch.recordRound(e.getMessage());
                return null;
            });
            return 0;
        }
        transactions.inTransaction(() -> {
            Instant done = clock.instant();
            for (int i = 0; i < batch.records.size(); i++) {
                Delivery delivery = batch.sent.get(i);
                UpsertResult result = results.get(i);
                Optional<String> conflict = result.succeeded() ? LinkConflicts.check(links, workspace.id(),
                        connection.id(), delivery.leadId(), result.crmRecordId().orElseThrow()) : Optional.empty();
                if (conflict.isPresent()) {
                    // Not retried: the same write would find the same record linked to the same other lead.
                    failedAttempt(batch, i, conflict.get(), false);
                } else if (result.succeeded()) {
                    links.save(PushRecords.link(workspace, connection, batch.records.get(i), result, done,
                            batch.previousLinks.get(i)));
                    deliveries.delivered(delivery, batch.versions.get(i));
                    result.conversion().ifPresent(conversion -> conversions.ifPresent(c -> c.noticed(workspace.id(),
                            connection, delivery.leadId(), conversion, "on a push", done)));
                    batch.written++;
                    batch.entries.add(batch.recordEntry(i, done, new SyncEvent.LeadPushed(batch.trigger(i),
                            result.crmRecordId(), result.outcome() == UpsertResult.Outcome.CREATED, batch.fields(i))));
                } else {
                    String reason = result.errorCode().orElse("ERROR") + ": " + result.message().orElse("");
                    failedAttempt(batch, i, reason, result.retryable());
                }
            }
            batch.entries.add(0, batch.run(started, calls, null));
            audit.recordAll(batch.entries);
            batch.recordRound(null);
            return null;
        });
        return batch.records.size();
    }

    /**
     * The batch through the bulk writer, except records written by their CRM id (a rep's record linked by a pull),
     * which an upsert by lead id would not find: those go in the writer's batches. One result per record, in order.
     * Should a later call fail, the whole batch is retried: what the job wrote is written again, never duplicated.
     */
    private static List<UpsertResult> sendInBulk(ConnectionCalls calls, CrmLeadWriter writer, CrmBulkLeadWriter bulk,
                                                 Batch batch) {
        UpsertResult[] results = new UpsertResult[batch.records.size()];
        List<Integer> byLeadId = new ArrayList<>();
        List<Integer> byRecordId = new ArrayList<>();
        for (int i = 0; i < batch.records.size(); i++) {
            (batch.records.get(i).knownRecordId().isPresent() ? byRecordId : byLeadId).add(i);
        }
        if (!byLeadId.isEmpty()) {
            List<CrmRecord> records = byLeadId.stream().map(batch.records::get).toList();
            List<UpsertResult> written = calls.read(session -> bulk.upsertAll(session, records), UpsertBatch::calls)
                    .results();
            for (int i = 0; i < byLeadId.size(); i++) {
                results[byLeadId.get(i)] = written.get(i);
            }
        }
        for (int from = 0; from < byRecordId.size(); from += writer.batchLimit()) {
            List<Integer> chunk = byRecordId.subList(from, Math.min(byRecordId.size(), from + writer.batchLimit()));
            List<UpsertResult> written = calls.upsert(writer, chunk.stream().map(batch.records::get).toList())
                    .results();
            for (int i = 0; i < chunk.size(); i++) {
                results[chunk.get(i)] = written.get(i);
            }
        }
        return List.of(results);
    }

    /**
     * A connection that does not sync keeps its deliveries: paused or waiting for setup or re-authorisation, they are
     * looked at again later (so they do not crowd out connections that do sync); disconnected, they are closed as
     * SKIPPED, since nothing will ever be sent there.
     */
    private void setAside(DeliveryQueue.Due due, Optional<CrmConnection> connection) {
        Instant now = clock.instant();
        boolean gone = connection.map(c -> c.state() == io.leadsync.domain.crm.ConnectionState.DISCONNECTED)
                .orElse(true);
        transactions.inTransaction(() -> {
            for (Delivery delivery : deliveries.claim(due.workspaceId(), due.connectionId(), "set-aside", now,
                    now.plus(LEASE), SET_ASIDE_BATCH)) {
                if (gone) {
                    deliveries.giveUp(delivery, DeliveryQueue.State.SKIPPED, "the connection is disconnected", now);
                } else {
                    deliveries.retryLater(delivery, Optional.empty(), now.plus(NOT_SYNCING_RECHECK), false);
                }
            }
            return null;
        });
    }

    /**
     * Backoff doubles from {@link #FIRST_BACKOFF} up to {@link #MAX_BACKOFF}; the last attempt, or a reason retrying
     * cannot fix, gives up. The outcome joins the batch's audit entries.
     */
    private void failedAttempt(Batch batch, int index, String reason, boolean retryable) {
        failedAttempt(batch, index, reason, retryable, MAX_ATTEMPTS);
    }

    private void failedAttempt(Batch batch, int index, String reason, boolean retryable, int maxAttempts) {
        Delivery delivery = batch.sent.get(index);
        Instant now = clock.instant();
        batch.firstProblem = batch.firstProblem == null ? reason : batch.firstProblem;
        if (!retryable || delivery.attempts() + 1 >= maxAttempts) {
            deliveries.giveUp(delivery, DeliveryQueue.State.FAILED, reason, now);
            batch.failed++;
            batch.entries.add(batch.recordEntry(index, now, SyncEvent.DeliveryFailed.of(batch.trigger(index), reason,
                    delivery.attempts() + 1, Optional.empty(), batch.fields(index))));
        } else {
            Instant retryAt = now.plus(backoff(delivery.attempts()));
            deliveries.retryLater(delivery, Optional.of(reason), retryAt, true);
            batch.retrying++;
            batch.entries.add(batch.recordEntry(index, now, SyncEvent.DeliveryFailed.of(batch.trigger(index), reason,
                    delivery.attempts() + 1, Optional.of(retryAt), batch.fields(index))));
        }
    }

    static Duration backoff(int attemptsSoFar) {
        Duration doubled = FIRST_BACKOFF.multipliedBy(1L << Math.min(attemptsSoFar, 20));
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    /** The claimed deliveries that become records, with the lead version each one carries. */
    private final class Batch {
        private final CrmConnection connection;
        private final Workspace workspace;
        private final List<Delivery> sent = new ArrayList<>();
        private final List<CrmRecord> records = new ArrayList<>();
        private final List<Long> versions = new ArrayList<>();
        private final List<Optional<CrmLink>> previousLinks = new ArrayList<>();
        /** The batch's audit entries, written with its outcomes in one insert. */
        private final List<AuditEntry> entries = new ArrayList<>();
        private int written;
        private int failed;
        private int retrying;
        private boolean viaBulk;
        private String firstProblem;
        private final Suppressions suppressed;

        Batch(CrmConnection connection, Workspace workspace, Suppressions suppressed) {
            this.connection = connection;
            this.workspace = workspace;
            this.suppressed = suppressed;
        }

        void add(Delivery delivery) {
            Optional<Lead> lead = leads.find(delivery.workspaceId(), delivery.leadId());
            if (lead.isEmpty() || lead.get().workEmail().isEmpty()) {
                transactions.inTransaction(() -> {
                    String reason = lead.isEmpty() ? "the lead no longer exists" : PushRecords.NO_WORK_EMAIL;
                    deliveries.giveUp(delivery, DeliveryQueue.State.SKIPPED, reason, clock.instant());
                    skipped(delivery, reason);
                    return null;
                });
                return;
            }
            Optional<String> suppression = suppressed.reasonFor(lead.get().workEmail().get());
            if (suppression.isPresent()) {
                transactions.inTransaction(() -> {
                    deliveries.giveUp(delivery, DeliveryQueue.State.SKIPPED, suppression.get(), clock.instant());
                    skipped(delivery, suppression.get());
                    return null;
                });
                return;
            }
            Optional<CrmLink> link = links.find(delivery.workspaceId(), delivery.connectionId(), delivery.leadId());
            Optional<CrmRecord> changes = PushRecords.changes(lead.get(), connection, workspace, link);
            if (changes.isEmpty()) {
                // The CRM already holds every value (the change came back from it, or was undone): no call needed.
                transactions.inTransaction(() -> {
                    deliveries.delivered(delivery, lead.get().version());
                    return null;
                });
                return;
            }
            sent.add(delivery);
            records.add(changes.get());
            previousLinks.add(link);
            versions.add(lead.get().version());
        }

        /** A lead not sent, in its History with the reason (issue 16: skipped leads were silent). */
        private void skipped(Delivery delivery, String reason) {
            audit.record(AuditEntry.of(ids.newId(), workspace.id(), clock.instant(), "sync",
                    Optional.of(delivery.leadId().value()), Optional.of(connection.id().value()),
                    new SyncEvent.LeadSkipped(reason)));
        }

        /** The batch's outcome, for the connection's health: {@code stopped} when the whole batch was held back. */
        void recordRound(String stopped) {
            health.record(workspace.id(), connection.id(), io.leadsync.domain.health.SyncRound.push(clock.instant(),
                    written, failed, failed + retrying == 0 && stopped != null ? sent.size() : retrying,
                    Optional.ofNullable(stopped == null ? firstProblem : stopped)));
        }

        /** One record's audit entry: the typed outcome, which carries what started it and each field, old -> new. */
        AuditEntry recordEntry(int index, Instant at, SyncEvent event) {
            Delivery delivery = sent.get(index);
            return AuditEntry.of(ids.newId(), workspace.id(), at, "sync", Optional.of(delivery.leadId().value()),
                    Optional.of(connection.id().value()), event);
        }

        SyncEvent.Trigger trigger(int index) {
            return PushRecords.trigger(sent.get(index).cause());
        }

        List<FieldDiff> fields(int index) {
            return PushRecords.fieldDiffs(records.get(index), previousLinks.get(index));
        }

        /** The run: what started it, its counts, the CRM calls and how long it took; {@code stopped} when it did. */
        AuditEntry run(Instant started, ConnectionCalls calls, String stopped) {
            Map<SyncEvent.Trigger, Integer> triggers = new EnumMap<>(SyncEvent.Trigger.class);
            sent.forEach(delivery -> triggers.merge(PushRecords.trigger(delivery.cause()), 1, Integer::sum));
            return AuditEntry.of(ids.newId(), workspace.id(), clock.instant(), "sync", Optional.empty(),
                    Optional.of(connection.id().value()), new SyncEvent.PushRun(triggers, records.size(), written,
                            failed, retrying, calls.calls(), Duration.between(started, clock.instant()).toMillis(),
                            viaBulk, Optional.ofNullable(stopped)));
        }

    }
}
