package io.leadsync.application.service;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.ConnectionNotSyncingException;
import io.leadsync.application.port.in.SyncNowCommand;
import io.leadsync.application.port.in.SyncNowUseCase;
import io.leadsync.application.port.in.SyncReport;
import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmBulkLeadWriter;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadCriteria;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.sync.SyncEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Sync now": every lead of the workspace goes to one connection, batched to the CRM's limit. Leads without a work
 * email are skipped with that reason. Each CRM call happens outside any transaction; each batch's links and audit
 * entries are written afterwards in one. An access token about to expire is refreshed before the call; one the CRM
 * refuses anyway is refreshed once and the call repeated. A rate-limited call waits as long as the CRM asks, a few
 * times, never in a tight loop; a spent daily limit ends the run with the rest reported, not retried.
 */
public final class SyncNowService implements SyncNowUseCase {
    static final String NO_WORK_EMAIL = PushRecords.NO_WORK_EMAIL;
    static final String RATE_LIMITED = "the CRM's API rate limit was reached; sync again later";
    static final String BUDGET_SPENT = "not sent: ";
    static final String CRM_FAILED = "the CRM failed, nothing more was sent in this run; sync again later: ";
    static final Duration REFRESH_AHEAD = ConnectionCalls.REFRESH_AHEAD;
    /** HubSpot's burst window is 10 seconds: without a Retry-After, wait one window. */
    static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(10);
    static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(60);
    static final int MAX_RATE_LIMIT_WAITS = 6;
    static final int BULK_CHUNK = 10_000;

    /** How the service waits for a rate limit; tests pass one that records instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final CrmAuthorizations authorizations;
    private final Map<CrmKind, CrmLeadWriter> writers = new EnumMap<>(CrmKind.class);
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
    private final Sleeper sleeper;
    private final Map<CrmKind, CrmBulkLeadWriter> bulkWriters = new EnumMap<>(CrmKind.class);
    private int bulkThreshold = Integer.MAX_VALUE;
    private DeliveryQueue deliveries;
    private Optional<LeadConversions> conversions = Optional.empty();
    private java.util.function.BiFunction<io.leadsync.domain.workspace.WorkspaceId, io.leadsync.domain.crm.ConnectionId,
            Suppressions> suppressions = (workspace, connection) -> Suppressions.NONE;
    private final CallBudget budget;

    public SyncNowService(List<CrmAuthorization> authorizations, List<CrmLeadWriter> writers,
                          WorkspaceRepository workspaces, CrmConnectionRepository connections, LeadRepository leads,
                          CrmLinkRepository links, TokenVault vault, AuditLog audit, TransactionBoundary transactions,
                          IdGenerator ids, Clock clock) {
        this(authorizations, writers, workspaces, connections, leads, links, vault, audit, transactions, ids, clock,
                duration -> Thread.sleep(duration.toMillis()));
    }

    public SyncNowService(List<CrmAuthorization> authorizations, List<CrmLeadWriter> writers,
                          WorkspaceRepository workspaces, CrmConnectionRepository connections, LeadRepository leads,
                          CrmLinkRepository links, TokenVault vault, AuditLog audit, TransactionBoundary transactions,
                          IdGenerator ids, Clock clock, Sleeper sleeper) {
        this(authorizations, writers, workspaces, connections, leads, links, vault, audit, transactions, ids, clock,
                sleeper, CallBudget.unlimited());
    }

    public SyncNowService(List<CrmAuthorization> authorizations, List<CrmLeadWriter> writers,
                          WorkspaceRepository workspaces, CrmConnectionRepository connections, LeadRepository leads,
                          CrmLinkRepository links, TokenVault vault, AuditLog audit, TransactionBoundary transactions,
                          IdGenerator ids, Clock clock, Sleeper sleeper, CallBudget budget) {
        this.budget = budget;
        this.sleeper = sleeper;
        this.authorizations = new CrmAuthorizations(authorizations);
        writers.forEach(writer -> this.writers.put(writer.kind(), writer));
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
     * From {@code threshold} leads on, a workspace's leads go to a CRM that has a bulk writer as bulk jobs of up to
     * {@link #BULK_CHUNK} (a backfill, a new connection): a handful of calls instead of one per batch.
     */
    public SyncNowService withBulk(List<CrmBulkLeadWriter> writers, int threshold) {
        writers.forEach(writer -> bulkWriters.put(writer.kind(), writer));
        this.bulkThreshold = threshold;
        return this;
    }

    /** Leads sync now writes leave the connection's queue, so the worker does not send the same values again. */
    public SyncNowService withDeliveries(DeliveryQueue deliveries) {
        this.deliveries = deliveries;
        return this;
    }

    /** As {@link PushDeliveriesService#withConversions}: needs {@link #withDeliveries} first. */
    public SyncNowService withConversions(io.leadsync.application.port.out.Outbox outbox) {
        this.conversions = Optional.of(new LeadConversions(leads, outbox, deliveries, audit, ids));
        return this;
    }

    /** Leads on a connection's suppression list are never sent to it: skipped with the reason (ADR 0021). */
    public SyncNowService withSuppressions(SuppressionRepository suppressions) {
        this.suppressions = suppressions::find;
        return this;
    }

    @Override
    public SyncReport syncNow(SyncNowCommand command) {
        Instant started = clock.instant();
        CrmConnection connection = connections.find(command.workspaceId(), command.connectionId())
                .orElseThrow(() -> new ConnectionNotFoundException(command.connectionId().toString()));
        if (!connection.syncs()) {
            throw new ConnectionNotSyncingException("The connection is " + connection.state()
                    + connection.stateReason().map(reason -> " (" + reason + ")").orElse("") + "; it syncs once CONNECTED.");
        }
        CrmLeadWriter writer = writers.get(connection.kind());
        if (writer == null && !connection.kind().canPull()) {
            // Push-only kinds have no batch writer by design, so "cannot be written to" would mislead the admin.
            throw new ConnectionNotSyncingException("A " + connection.kind() + " connection has no sync now: the "
                    + "background push delivers each lead to it one at a time as it changes. To send every lead, "
                    + "POST /api/admin/v1/connections/" + connection.id().value() + "/backfill.");
        }
        if (writer == null) {
            throw new ConnectionNotSyncingException(connection.kind() + " cannot be written to by this installation");
        }
        Workspace workspace = workspaces.find(command.workspaceId()).orElseThrow();
        CrmTokens tokens = vault.find(command.workspaceId(), command.connectionId()).orElseThrow(() ->
                new ConnectionNotSyncingException("The connection has no tokens; connect it again."));
        Run run = new Run(CrmSession.of(connection, tokens), connection, writer, workspace);

        CrmBulkLeadWriter bulk = bulkWriters.get(connection.kind());
        boolean viaBulk = bulk != null && leads.list(new LeadCriteria(command.workspaceId(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 1)).total() >= bulkThreshold;
        Optional<LeadId> after = Optional.empty();
        while (true) {
            List<Lead> page = leads.listAfter(command.workspaceId(), after, viaBulk ? BULK_CHUNK : writer.batchLimit());
            if (page.isEmpty()) {
                break;
            }
            // A stopped run still walks the rest, to report every lead it did not send and why (no CRM calls).
            run.push(page, viaBulk ? bulk : null);
            after = Optional.of(page.get(page.size() - 1).id());
        }
        SyncReport report = new SyncReport(connection.id(), run.created, run.updated, run.skipped, run.failed,
                run.calls.calls(), run.calls.usage().map(ApiUsage::used), run.calls.usage().map(ApiUsage::limit));
        transactions.inTransaction(() -> {
            audit.record(AuditEntry.of(ids.newId(), command.workspaceId(), clock.instant(), command.actor(),
                    Optional.empty(), Optional.of(connection.id().value()), new SyncEvent.SyncNowRun(report.created(),
                            report.updated(), report.skipped().size(), report.failed().size(), report.crmCalls(),
                            Duration.between(started, clock.instant()).toMillis(), viaBulk)));
            return null;
        });
        return report;
    }

    /** One run's state: its session (tokens change on refresh) and its counts. */
    private final class Run {
        private final ConnectionCalls calls;
        private final CrmConnection connection;
        private final CrmLeadWriter writer;
        private final Workspace workspace;
        private int created;
        private int updated;
        private boolean stopped;
        private String stopReason;
        private int rateLimitWaits;
        private final List<SyncReport.Problem> skipped = new ArrayList<>();
        private final List<SyncReport.Problem> failed = new ArrayList<>();
        /** The links and lead versions of the records on their way, for the audit's diffs and the queue. */
        private final Map<LeadId, Optional<CrmLink>> previous = new HashMap<>();
        private final Map<LeadId, Long> versions = new HashMap<>();
        private Suppressions suppressedHere;

        Run(CrmSession session, CrmConnection connection, CrmLeadWriter writer, Workspace workspace) {
            this.calls = new ConnectionCalls(workspace.id(), session, refresher, authorizations.of(connection.kind()),
                    clock, budget);
            this.connection = connection;
            this.writer = writer;
            this.workspace = workspace;
        }

        private boolean suppressed(Lead lead) {
            if (suppressedHere == null) {
                suppressedHere = suppressions.apply(workspace.id(), connection.id());
            }
            Optional<String> reason = suppressedHere.reasonFor(lead.workEmail().orElseThrow());
            reason.ifPresent(why -> skipped.add(new SyncReport.Problem(lead.id().value(), why)));
            return reason.isPresent();
        }

        /** A page of leads: through the bulk writer when given (records linked by CRM id excepted), else batched. */
        void push(List<Lead> page, CrmBulkLeadWriter bulk) {
            if (bulk == null) {
                push(page);
                return;
            }
            List<Lead> linkedById = new ArrayList<>();
            List<CrmRecord> records = new ArrayList<>();
            for (Lead lead : page) {
                if (lead.workEmail().isEmpty()) {
                    skipped.add(new SyncReport.Problem(lead.id().value(), NO_WORK_EMAIL));
                    continue;
                }
                if (suppressed(lead)) {
                    continue;
                }
                Optional<CrmLink> link = links.find(workspace.id(), connection.id(), lead.id());
                previous.put(lead.id(), link);
                versions.put(lead.id(), lead.version());
                CrmRecord record = PushRecords.record(lead, connection, workspace, link);
                if (record.knownRecordId().isPresent()) {
                    linkedById.add(lead);
                } else {
                    records.add(record);
                }
            }
            if (!records.isEmpty()) {
                send(records, () -> calls.read(session -> bulk.upsertAll(session, records), UpsertBatch::calls));
            }
            for (int from = 0; from < linkedById.size(); from += writer.batchLimit()) {
                push(linkedById.subList(from, Math.min(linkedById.size(), from + writer.batchLimit())));
            }
        }

        void push(List<Lead> batch) {
            List<CrmRecord> records = new ArrayList<>();
            for (Lead lead : batch) {
                if (lead.workEmail().isEmpty()) {
                    skipped.add(new SyncReport.Problem(lead.id().value(), NO_WORK_EMAIL));
                } else if (!suppressed(lead)) {
                    Optional<CrmLink> link = previous.computeIfAbsent(lead.id(),
                            id -> links.find(workspace.id(), connection.id(), id));
                    versions.put(lead.id(), lead.version());
                    records.add(PushRecords.record(lead, connection, workspace, link));
                }
            }
            if (records.isEmpty()) {
                return;
            }
            send(records, () -> upsertWaitingForRateLimits(records));
        }

        private void send(List<CrmRecord> records, java.util.function.Supplier<UpsertBatch> call) {
            try {
                sendOnce(records, call);
            } finally {
                // Sent or not, these records are done with: a workspace's links are not all held at once.
                records.forEach(record -> {
                    previous.remove(record.leadId());
                    versions.remove(record.leadId());
                });
            }
        }

        private void sendOnce(List<CrmRecord> records, java.util.function.Supplier<UpsertBatch> call) {
            if (stopped) {
                records.forEach(record -> failed.add(new SyncReport.Problem(record.leadId().value(), stopReason)));
                return;
            }
            List<UpsertResult> results;
            try {
                results = call.get().results();
            } catch (ReauthorizationRequiredException e) {
                stopForReauth(e.getMessage());
                stop("the connection needs to be authorised again");
                records.forEach(record -> failed.add(new SyncReport.Problem(record.leadId().value(), stopReason)));
                return;
            } catch (BudgetSpentException e) {
                stop(BUDGET_SPENT + e.getMessage());
                records.forEach(record -> failed.add(new SyncReport.Problem(record.leadId().value(), stopReason)));
                return;
            } catch (CrmRateLimitedException e) {
                stop(RATE_LIMITED + " (" + e.getMessage() + ")");
                records.forEach(record -> failed.add(new SyncReport.Problem(record.leadId().value(), stopReason)));
                return;
            } catch (CrmUnavailableException | CrmRejectedException e) {
                // What went before is written and reported; the rest would fail the same way, so the run ends here
                // with the CRM's reason rather than as an error that loses the report.
                stop(CRM_FAILED + e.getMessage());
                records.forEach(record -> failed.add(new SyncReport.Problem(record.leadId().value(), stopReason)));
                return;
            }
            Instant now = clock.instant();
            transactions.inTransaction(() -> {
                List<AuditEntry> entries = new ArrayList<>();
                Map<LeadId, Long> written = new LinkedHashMap<>();
                for (int i = 0; i < records.size(); i++) {
                    recordResult(records.get(i), results.get(i), now, entries, written);
                }
                audit.recordAll(entries);
                if (deliveries != null && !written.isEmpty()) {
                    // The worker need not send these leads again: the CRM has them at these versions (or later).
                    deliveries.deliveredAll(workspace.id(), connection.id(), written, now);
                }
                return null;
            });
        }

        private void stop(String reason) {
            stopped = true;
            stopReason = reason;
        }

        /** Nothing is written by a rate-limited call, so the same batch is sent again after the wait the CRM asked. */
        private UpsertBatch upsertWaitingForRateLimits(List<CrmRecord> records) {
            while (true) {
                try {
                    return calls.upsert(writer, records);
                } catch (CrmRateLimitedException limited) {
                    if (limited.daily() || rateLimitWaits >= MAX_RATE_LIMIT_WAITS) {
                        throw limited;
                    }
                    rateLimitWaits++;
                    Duration wait = limited.retryAfter().orElse(DEFAULT_RATE_LIMIT_WAIT);
                    try {
                        sleeper.sleep(wait.compareTo(MAX_RATE_LIMIT_WAIT) > 0 ? MAX_RATE_LIMIT_WAIT : wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw limited;
                    }
                }
            }
        }

        private void stopForReauth(String reason) {
            stopped = true;
            transactions.inTransaction(() -> {
                CrmConnection current = connections.find(workspace.id(), connection.id()).orElseThrow();
                current.needsReauth(reason, clock.instant());
                connections.update(current);
                return null;
            });
        }

        private void recordResult(CrmRecord record, UpsertResult result, Instant now, List<AuditEntry> entries,
                                  Map<LeadId, Long> written) {
            Optional<CrmLink> link = previous.getOrDefault(record.leadId(), Optional.empty());
            Optional<String> conflict = result.succeeded() ? LinkConflicts.check(links, workspace.id(),
                    connection.id(), record.leadId(), result.crmRecordId().orElseThrow()) : Optional.empty();
            if (!result.succeeded() || conflict.isPresent()) {
                String reason = conflict.orElseGet(() -> result.errorCode().orElse("ERROR") + ": "
                        + result.message().orElse(""));
                failed.add(new SyncReport.Problem(record.leadId().value(), reason));
                entries.add(AuditEntry.of(ids.newId(), workspace.id(), now, "sync",
                        Optional.of(record.leadId().value()), Optional.of(connection.id().value()),
                        SyncEvent.DeliveryFailed.of(SyncEvent.Trigger.SYNC_NOW, reason, 1, Optional.empty(),
                                PushRecords.fieldDiffs(record, link))));
                return;
            }
            if (result.outcome() == UpsertResult.Outcome.CREATED) {
                created++;
            } else {
                updated++;
            }
            entries.add(AuditEntry.of(ids.newId(), workspace.id(), now, "sync",
                    Optional.of(record.leadId().value()), Optional.of(connection.id().value()),
                    new SyncEvent.LeadPushed(SyncEvent.Trigger.SYNC_NOW, result.crmRecordId(),
                            result.outcome() == UpsertResult.Outcome.CREATED, PushRecords.fieldDiffs(record, link))));
            written.put(record.leadId(), versions.getOrDefault(record.leadId(), 0L));
            links.save(PushRecords.link(workspace, connection, record, result, now, link));
            result.conversion().ifPresent(conversion -> conversions.ifPresent(c -> c.noticed(workspace.id(),
                    connection, record.leadId(), conversion, "on sync now", now)));
        }
    }
}
