package io.leadsync.application.service.pull;

import io.leadsync.application.service.crmcall.BudgetSpentException;
import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.crmcall.ConnectionCalls;
import io.leadsync.application.service.crmcall.CrmAuthorizations;
import io.leadsync.application.service.crmcall.TokenRefresher;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.application.port.in.pull.PullChangesUseCase;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.domain.health.SyncRound;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pulls each due connection's CRM-side changes (ARCHITECTURE.md sections 3 and 4): claims the due connections, runs
 * each one's pull ({@link ConnectionPull}, which merges page by page through {@link PulledPage} under the domain's
 * rules in {@link io.leadsync.domain.sync.PullReconciliation}), and settles how it ended: when the connection pulls
 * next, its health, and the audit. The CRM's changes go into the leads as changes from that connection (so they
 * travel on to the other connections and never back), the leads' own unsent changes are owed to this connection,
 * and the links keep the new merge base, so LeadSync's own writes coming back change nothing.
 */
public final class PullChangesService implements PullChangesUseCase {
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration AFTER_FAILURE = Duration.ofMinutes(1);
    static final Duration AFTER_DAILY_LIMIT = Duration.ofHours(1);
    static final int CONNECTIONS_PER_ROUND = 10;
    /**
     * The threads that read a pull's next page while it merges the last (ADR 0105): one per pull with more than one
     * page, for as long as that pull runs, so at most as many as pulls run at once (the worker's one, and "pull now"
     * requests). Idle threads end after a minute; daemons, so they never hold the JVM up.
     */
    private static final java.util.concurrent.ExecutorService FETCH_AHEAD = java.util.concurrent.Executors
            .newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "leadsync-pull-read-ahead");
                thread.setDaemon(true);
                return thread;
            });

    private final CrmAuthorizations authorizations;
    private final Map<CrmKind, CrmChangeReader> readers = new EnumMap<>(CrmKind.class);
    private final PullSchedule schedule;
    private final CrmConnectionRepository connections;
    private final TokenVault vault;
    private ConnectionHealthStore health = ConnectionHealthStore.NONE;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final PullParts parts;
    private final TokenRefresher refresher;
    private final CallBudget budget;

    public PullChangesService(List<CrmAuthorization> authorizations, List<CrmChangeReader> readers,
                              PullSchedule schedule, CrmConnectionRepository connections, LeadRepository leads,
                              CrmLinkRepository links, Outbox outbox, DeliveryQueue deliveries, TokenVault vault,
                              AuditLog audit, TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        this(authorizations, readers, schedule, connections, leads, links, outbox, deliveries, vault, audit,
                transactions, ids, clock, CallBudget.unlimited());
    }

    public PullChangesService(List<CrmAuthorization> authorizations, List<CrmChangeReader> readers,
                              PullSchedule schedule, CrmConnectionRepository connections, LeadRepository leads,
                              CrmLinkRepository links, Outbox outbox, DeliveryQueue deliveries, TokenVault vault,
                              AuditLog audit, TransactionBoundary transactions, IdGenerator ids, Clock clock,
                              CallBudget budget) {
        this.budget = budget;
        this.authorizations = new CrmAuthorizations(authorizations);
        readers.forEach(reader -> this.readers.put(reader.kind(), reader));
        this.schedule = schedule;
        this.connections = connections;
        this.vault = vault;
        this.transactions = transactions;
        this.clock = clock;
        PullAudit pullAudit = new PullAudit(audit, ids);
        this.parts = new PullParts(connections, leads, links, outbox, deliveries, pullAudit,
                new LeadConversions(leads, outbox, deliveries, audit, ids),
                new MergedRecords(leads, links, deliveries, pullAudit, clock), transactions, ids, clock, FETCH_AHEAD);
        this.refresher = new TokenRefresher(vault, transactions, clock);
    }

    /** Each pull's outcome feeds the connection's health (issue 16). */
    public PullChangesService withHealth(ConnectionHealthStore health) {
        this.health = health;
        return this;
    }

    @Override
    public int pullDue(String node) {
        Instant now = clock.instant();
        List<PullSchedule.Due> due = transactions.inTransaction(() ->
                schedule.claimDue(now, node, now.plus(LEASE), CONNECTIONS_PER_ROUND));
        int read = 0;
        for (PullSchedule.Due pull : due) {
            read += pull(pull, "the worker").read();
        }
        return read;
    }

    @Override
    public PullReport pullNow(WorkspaceId workspaceId, ConnectionId connectionId, String node) {
        CrmConnection connection = connections.find(workspaceId, connectionId)
                .orElseThrow(() -> new ConnectionNotFoundException(connectionId.toString()));
        if (!connection.syncs() || !connection.kind().canPull()) {
            throw new ConnectionNotSyncingException("The connection is " + connection.state() + "; it pulls once "
                    + "CONNECTED.");
        }
        Instant now = clock.instant();
        PullSchedule.Due pull = transactions.inTransaction(() ->
                schedule.claimNow(workspaceId, connectionId, now, node, now.plus(LEASE)))
                .orElseThrow(() -> new ConnectionNotSyncingException("The connection is being pulled right now."));
        return pull(pull, "pull now");
    }

    /** How one pull ended. */
    private static final class Outcome {
        ConnectionPull run;
        String stoppedBecause;
        boolean heldBack;
    }

    private PullReport pull(PullSchedule.Due due, String startedBy) {
        Instant started = clock.instant();
        Outcome outcome = new Outcome();
        Instant next;
        try {
            CrmConnection connection = start(due, started, outcome);
            // The frequency as it is now: an admin may have changed it while this pull ran.
            next = started.plus(connection == null ? AFTER_FAILURE
                    : connections.find(due.workspaceId(), due.connectionId()).orElse(connection).settings()
                            .frequency().pullInterval());
        } catch (ReauthorizationRequiredException e) {
            // The connection's own state says it from now on.
            outcome.heldBack = true;
            outcome.stoppedBecause = "the connection needs to be authorised again";
            // Only the state, on the row as it is under its lock: an admin's settings saved meanwhile stay (ADR 0094).
            Instant refused = clock.instant();
            transactions.inTransaction(() -> connections.update(due.workspaceId(), due.connectionId(),
                    current -> current.needsReauth(e.getMessage(), refused)));
            next = clock.instant().plus(AFTER_FAILURE);
        } catch (BudgetSpentException e) {
            // The watermark is saved per page: the next pull, when the budget returns, goes on from there.
            outcome.stoppedBecause = "budget spent: " + e.getMessage();
            next = e.resumesAt();
        } catch (CrmRateLimitedException e) {
            // The CRM asks to wait: not a failure of the connection (its health is left as it was).
            outcome.heldBack = true;
            outcome.stoppedBecause = "rate limited: " + e.getMessage();
            next = clock.instant().plus(e.daily() ? AFTER_DAILY_LIMIT : e.retryAfter().orElse(AFTER_FAILURE));
        } catch (CrmUnavailableException | CrmRejectedException e) {
            outcome.stoppedBecause = e.getMessage();
            next = clock.instant().plus(AFTER_FAILURE);
        }
        finish(due, startedBy, started, next, outcome);
        ConnectionPull run = outcome.run;
        PullTally tally = run == null ? new PullTally() : run.tally;
        return new PullReport(due.connectionId(), tally.read, tally.updated, tally.created, tally.unchanged,
                tally.unmatched, tally.refused, tally.deleted, run == null ? 0 : run.calls(), outcome.stoppedBecause);
    }

    /** Runs the connection's pull; null when the connection no longer syncs. */
    private CrmConnection start(PullSchedule.Due due, Instant started, Outcome outcome) {
        CrmConnection connection = connections.find(due.workspaceId(), due.connectionId()).orElse(null);
        CrmChangeReader reader = connection == null ? null : readers.get(connection.kind());
        Optional<CrmTokens> tokens = vault.find(due.workspaceId(), due.connectionId());
        if (connection == null || !connection.syncs() || reader == null || tokens.isEmpty()) {
            outcome.stoppedBecause = "the connection does not sync";
            return null;
        }
        ConnectionCalls calls = new ConnectionCalls(due.workspaceId(), CrmSession.of(connection, tokens.get()),
                refresher, authorizations.of(connection.kind()), clock, budget);
        outcome.run = new ConnectionPull(parts, schedule, due, connection, reader, calls, started);
        outcome.run.go();
        return connection;
    }

    private void finish(PullSchedule.Due due, String startedBy, Instant started, Instant nextPull, Outcome outcome) {
        ConnectionPull run = outcome.run;
        PullTally tally = run == null ? new PullTally() : run.tally;
        transactions.inTransaction(() -> {
            schedule.finished(due.workspaceId(), due.connectionId(), nextPull,
                    run == null ? Optional.empty() : run.deletionsCheckedUntil,
                    run == null ? Optional.empty() : run.deletionsResume);
            if (!outcome.heldBack) {
                health.record(due.workspaceId(), due.connectionId(), outcome.stoppedBecause == null
                        ? SyncRound.pulled(clock.instant(), tally.read) : SyncRound.pullStopped(clock.instant(),
                        outcome.stoppedBecause));
            }
            if (tally.anything() || outcome.stoppedBecause != null) {
                parts.audit().write(parts.audit().summary(due.workspaceId(), due.connectionId(), clock.instant(),
                        tally.event(run == null ? 0 : run.calls(), Duration.between(started, clock.instant())
                                .toMillis(), startedBy, Optional.ofNullable(outcome.stoppedBecause))));
            }
            return null;
        });
    }
}
