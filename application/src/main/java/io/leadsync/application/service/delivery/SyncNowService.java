package io.leadsync.application.service.delivery;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.application.port.in.delivery.SyncNowCommand;
import io.leadsync.application.port.in.delivery.SyncNowUseCase;
import io.leadsync.application.port.in.delivery.SyncReport;
import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.domain.sync.SyncEvent;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.SendPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "Sync now": every lead of the workspace is owed to the connection again (queued as SYNC_NOW, so the whole lead
 * goes), and the queue is drained at once through the same push pipeline as the background push: the same batches
 * or bulk jobs, skips, retries and limits. Nothing sleeps: a batch held back by a rate limit, a spent budget, a CRM
 * that is down or a connection that needs re-authorisation ends the drain, and the worker sends the rest when it may;
 * the report names those leads as waiting, with the reason. Progress is readable while it runs
 * ({@link SyncProgressService}), and each lead's state on the Leads page is the queue's (ADR 0054).
 */
public final class SyncNowService implements SyncNowUseCase {
    static final String NO_WORK_EMAIL = SendPolicy.NO_WORK_EMAIL;
    /** The claim name of a drain, as the worker's node names its own. */
    static final String NODE = "sync-now";
    /** How many leads one enqueueing transaction takes. */
    static final int ENQUEUE_PAGE = 1_000;
    static final String WAITING = "waiting for the background push";
    static final String HELD_ELSEWHERE = "another node is sending a batch of this connection";
    /**
     * Sync now's entries are due this far ahead, and its drain claims as of then: the worker, which claims what is
     * due now, leaves them to the drain, so the report counts what the run did.
     */
    static final Duration HEAD_START = Duration.ofSeconds(30);
    /**
     * How long a run waits, in all, while another node (or this node's worker) has a batch of the connection in
     * flight (ADR 0104): a batch takes a second or two; a Bulk job longer, and its leads then go with the background
     * push, named as waiting in the report.
     */
    static final Duration HELD_PATIENCE = Duration.ofSeconds(20);
    private static final long HELD_POLL_MILLIS = 50;

    private final PushDeliveriesService pipeline;
    private final Set<CrmKind> writable = EnumSet.noneOf(CrmKind.class);
    private final CrmConnectionRepository connections;
    private final LeadRepository leads;
    private final DeliveryQueue deliveries;
    private final TokenVault vault;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final SyncNowRuns runs;
    private Duration heldPatience = HELD_PATIENCE;

    public SyncNowService(PushDeliveriesService pipeline, List<CrmLeadWriter> writers,
                          CrmConnectionRepository connections, LeadRepository leads, DeliveryQueue deliveries,
                          TokenVault vault, AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                          Clock clock, SyncNowRuns runs) {
        this.pipeline = pipeline;
        writers.forEach(writer -> writable.add(writer.kind()));
        this.connections = connections;
        this.leads = leads;
        this.deliveries = deliveries;
        this.vault = vault;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.runs = runs;
    }

    /** Another patience than {@link #HELD_PATIENCE}, for tests. */
    SyncNowService withHeldPatience(Duration patience) {
        this.heldPatience = patience;
        return this;
    }

    @Override
    public SyncReport syncNow(SyncNowCommand command) {
        Instant started = clock.instant();
        CrmConnection connection = connectionToSync(command);
        Instant due = started.plus(HEAD_START);
        int total = enqueueEveryLead(command, due);
        runs.started(command.workspaceId(), command.connectionId(), started);
        int created = 0;
        int updated = 0;
        int calls = 0;
        int claimed = 0;
        Optional<ApiUsage> usage = Optional.empty();
        List<SyncReport.Problem> skipped = new ArrayList<>();
        List<SyncReport.Problem> failed = new ArrayList<>();
        boolean bulk = false;
        long heldUntil = System.nanoTime() + heldPatience.toNanos();
        boolean heldOut = false;
        // Each lead is claimed once, unless a newer change of it arrives meanwhile: twice the leads bounds the drain.
        while (claimed <= 2 * total) {
            BatchOutcome batch = pipeline.pushConnection(command.workspaceId(), command.connectionId(), NODE, due);
            if (batch.heldElsewhere() && System.nanoTime() < heldUntil && pause()) {
                // Another batch of the connection is in flight: sending beside it would be two at once.
                continue;
            }
            heldOut = batch.heldElsewhere();
            if (batch.claimed() == 0) {
                break;
            }
            bulk = bulk || batch.claimed() > pipeline.batchSize(connection);
            claimed += batch.claimed();
            created += batch.created();
            updated += batch.updated();
            skipped.addAll(batch.skipped());
            failed.addAll(batch.failed());
            calls += batch.calls();
            usage = batch.usage().isPresent() ? batch.usage() : usage;
            runs.progressed(command.workspaceId(), command.connectionId(), calls);
            if (batch.stopped().isPresent()) {
                break;
            }
        }
        SyncReport report = new SyncReport(connection.id(), created, updated, skipped, failed, calls,
                usage.map(ApiUsage::used), usage.map(ApiUsage::limit), waiting(command, heldOut));
        Instant done = clock.instant();
        boolean viaBulk = bulk;
        transactions.inTransaction(() -> {
            // The typed run (ADR 0063): Activity reads it as a sentence; the leads still waiting are in the report.
            audit.record(AuditEntry.of(ids.newId(), command.workspaceId(), done, command.actor(), Optional.empty(),
                    Optional.of(connection.id().value()), new SyncEvent.SyncNowRun(report.created(),
                            report.updated(), report.skipped().size(), report.failed().size(), report.crmCalls(),
                            Duration.between(started, done).toMillis(), viaBulk)));
            return null;
        });
        runs.finished(command.workspaceId(), command.connectionId(), done, calls);
        return report;
    }

    /** Waits a moment for the batch in flight elsewhere; false when interrupted (the request goes away). */
    private static boolean pause() {
        try {
            Thread.sleep(HELD_POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The connection, when it can be synced now; otherwise why not, in the admin's words. */
    private CrmConnection connectionToSync(SyncNowCommand command) {
        CrmConnection connection = connections.find(command.workspaceId(), command.connectionId())
                .orElseThrow(() -> new ConnectionNotFoundException(command.connectionId().toString()));
        if (!connection.syncs()) {
            throw new ConnectionNotSyncingException("The connection is " + connection.state()
                    + connection.stateReason().map(reason -> " (" + reason + ")").orElse("")
                    + "; it syncs once CONNECTED.");
        }
        if (!writable.contains(connection.kind()) && !connection.kind().canPull()) {
            // Push-only kinds have no batch writer by design, so "cannot be written to" would mislead the admin.
            throw new ConnectionNotSyncingException("A " + connection.kind() + " connection has no sync now: the "
                    + "background push delivers each lead to it one at a time as it changes. To send every lead, "
                    + "POST /api/admin/v1/connections/" + connection.id().value() + "/backfill.");
        }
        if (!writable.contains(connection.kind())) {
            throw new ConnectionNotSyncingException(connection.kind() + " cannot be written to by this installation");
        }
        if (vault.find(command.workspaceId(), command.connectionId()).isEmpty()) {
            throw new ConnectionNotSyncingException("The connection has no tokens; connect it again.");
        }
        return connection;
    }

    /** Every lead of the workspace is owed to the connection as it is now, a page per transaction. */
    private int enqueueEveryLead(SyncNowCommand command, Instant now) {
        int total = 0;
        Optional<LeadId> after = Optional.empty();
        while (true) {
            List<Lead> page = leads.listAfter(command.workspaceId(), after, ENQUEUE_PAGE);
            if (page.isEmpty()) {
                return total;
            }
            transactions.inTransaction(() -> {
                page.forEach(lead -> deliveries.enqueue(command.workspaceId(), command.connectionId(), lead.id(),
                        lead.version(), now, DeliveryQueue.Cause.SYNC_NOW));
                return null;
            });
            total += page.size();
            after = Optional.of(page.get(page.size() - 1).id());
        }
    }

    /**
     * The connection's entries still pending once the drain ends, each with what it waits for: its last error, or the
     * other node's batch that outlasted the run's patience.
     */
    private List<SyncReport.Problem> waiting(SyncNowCommand command, boolean heldOut) {
        String untried = heldOut ? WAITING + ": " + HELD_ELSEWHERE : WAITING;
        return deliveries.all(command.workspaceId(), command.connectionId()).stream()
                .filter(delivery -> delivery.state() == DeliveryQueue.State.PENDING)
                .map(delivery -> new SyncReport.Problem(delivery.leadId().value(),
                        delivery.lastError().map(reason -> WAITING + ": " + reason).orElse(untried)))
                .toList();
    }
}
