package io.leadsync.application.service.delivery;

import io.leadsync.application.service.crmcall.CrmAuthorizations;
import io.leadsync.application.service.crmcall.TokenRefresher;
import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.crmcall.CallOutcome;
import io.leadsync.application.service.crmcall.ConnectionCalls;
import io.leadsync.application.port.in.delivery.PushActivitiesUseCase;
import io.leadsync.application.port.out.ActivityStore;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmActivityWriter;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.sync.RetryPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes logged activities into their target CRMs, each in its own call outside any transaction, with the same token
 * refresh and call budget as lead pushes. An activity waits for its lead to reach the CRM (the lead's link), for a day
 * at most; a CRM failure is retried with backoff up to {@link #MAX_ATTEMPTS} times; a refusal fails it at once.
 */
public final class PushActivitiesService implements PushActivitiesUseCase {
    static final RetryPolicy RETRY = RetryPolicy.activities();
    static final int MAX_ATTEMPTS = RETRY.refusedAttempts();
    static final int BATCH = 50;
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration LINK_RECHECK = Duration.ofSeconds(5);
    static final Duration LINK_PATIENCE = Duration.ofDays(1);
    static final Duration NOT_SYNCING_RECHECK = Duration.ofMinutes(5);

    private final CrmAuthorizations authorizations;
    private final Map<CrmKind, CrmActivityWriter> writers = new EnumMap<>(CrmKind.class);
    private final ActivityStore activities;
    private final CrmConnectionRepository connections;
    private final CrmLinkRepository links;
    private final TokenVault vault;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final CallBudget budget;
    private final TokenRefresher refresher;

    public PushActivitiesService(List<CrmAuthorization> authorizations, List<CrmActivityWriter> writers,
                                 ActivityStore activities, CrmConnectionRepository connections,
                                 CrmLinkRepository links, TokenVault vault, AuditLog audit,
                                 TransactionBoundary transactions, IdGenerator ids, Clock clock, CallBudget budget) {
        this.authorizations = new CrmAuthorizations(authorizations);
        writers.forEach(writer -> this.writers.put(writer.kind(), writer));
        this.activities = activities;
        this.connections = connections;
        this.links = links;
        this.vault = vault;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.budget = budget;
        this.refresher = new TokenRefresher(vault, transactions, clock);
    }

    @Override
    public int pushDue(String node) {
        Instant now = clock.instant();
        List<ActivityStore.Claimed> claimed = transactions.inTransaction(() -> activities.claimDue(now, node,
                now.plus(LEASE), BATCH));
        int written = 0;
        for (ActivityStore.Claimed delivery : claimed) {
            if (deliver(delivery)) {
                written++;
            }
        }
        return written;
    }

    private boolean deliver(ActivityStore.Claimed delivery) {
        var activity = delivery.activity();
        Optional<CrmConnection> found = connections.find(activity.workspaceId(), delivery.connectionId());
        if (found.isEmpty() || found.get().state() == ConnectionState.DISCONNECTED) {
            close(delivery, ActivityStore.State.SKIPPED, "the connection is disconnected");
            return false;
        }
        CrmConnection connection = found.get();
        CrmActivityWriter writer = writers.get(connection.kind());
        if (writer == null) {
            close(delivery, ActivityStore.State.SKIPPED, connection.kind() + " connections take no activities");
            return false;
        }
        if (!connection.syncs()) {
            later(delivery, "the connection is " + connection.state(), clock.instant().plus(NOT_SYNCING_RECHECK),
                    false);
            return false;
        }
        Optional<CrmLink> link = links.find(activity.workspaceId(), connection.id(), activity.leadId())
                .filter(l -> !l.deletedInCrm());
        Optional<CrmTokens> tokens = vault.find(activity.workspaceId(), connection.id());
        if (link.isEmpty() || tokens.isEmpty()) {
            if (activity.loggedAt().plus(LINK_PATIENCE).isBefore(clock.instant())) {
                close(delivery, ActivityStore.State.SKIPPED, "the lead did not reach this CRM within a day");
            } else {
                later(delivery, "waiting for the lead to reach the CRM", clock.instant().plus(LINK_RECHECK), false);
            }
            return false;
        }
        ConnectionCalls calls = new ConnectionCalls(activity.workspaceId(), CrmSession.of(connection, tokens.get()),
                refresher, authorizations.of(connection.kind()), clock,
                budget);
        CallOutcome<String> outcome = calls.attempt((CrmSession session) -> writer.write(session, activity,
                link.get().crmRecordId()), answer -> 1);
        Instant now = clock.instant();
        if (outcome instanceof CallOutcome.Answered<String> answered) {
            String recordId = answered.answer();
            transactions.inTransaction(() -> {
                activities.delivered(delivery, recordId, clock.instant());
                audit.record(new AuditEntry(ids.newId(), activity.workspaceId(), clock.instant(), "sync",
                        "activity.delivered", Optional.of(activity.leadId().value()),
                        Optional.of(connection.id().value()), activity.type() + " \"" + activity.subject()
                        + "\" is " + recordId));
                return null;
            });
            return true;
        }
        String reason = outcome.problem().orElseThrow();
        if (outcome instanceof CallOutcome.NeedsReauth<String>) {
            later(delivery, reason, now.plus(NOT_SYNCING_RECHECK), false);
        } else if (outcome instanceof CallOutcome.BudgetSpent<String> spent) {
            later(delivery, reason, spent.resumesAt(), false);
        } else if (outcome instanceof CallOutcome.RateLimited<String> limited) {
            // A daily limit waits as long as the CRM asks too: activities are few, and the next try is cheap.
            later(delivery, reason, RETRY.afterRateLimit(limited.retryAfter(), false, now), false);
        } else {
            RetryPolicy.AfterFailure next = RETRY.afterFailure(delivery.attempts(), outcome instanceof
                    CallOutcome.Unavailable<String> ? RetryPolicy.Failure.UNAVAILABLE
                    : RetryPolicy.Failure.REFUSED_FOR_GOOD, now);
            if (next instanceof RetryPolicy.RetryAt retry) {
                later(delivery, reason, retry.at(), true);
            } else {
                close(delivery, ActivityStore.State.FAILED, reason);
            }
        }
        return false;
    }

    private void later(ActivityStore.Claimed delivery, String reason, Instant dueAt, boolean countsAsAttempt) {
        transactions.inTransaction(() -> {
            activities.retryLater(delivery, reason, dueAt, countsAsAttempt);
            return null;
        });
    }

    private void close(ActivityStore.Claimed delivery, ActivityStore.State state, String reason) {
        transactions.inTransaction(() -> {
            activities.giveUp(delivery, state, reason, clock.instant());
            if (state == ActivityStore.State.FAILED) {
                audit.record(new AuditEntry(ids.newId(), delivery.activity().workspaceId(), clock.instant(), "sync",
                        "activity.delivery-failed", Optional.of(delivery.activity().leadId().value()),
                        Optional.of(delivery.connectionId().value()), reason));
            }
            return null;
        });
    }
}
