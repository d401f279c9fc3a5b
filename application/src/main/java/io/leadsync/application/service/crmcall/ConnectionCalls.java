package io.leadsync.application.service.crmcall;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.ApiBudget;
import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One connection's CRM calls within a run: the access token is refreshed ahead of an expiry the CRM stated and once
 * after a refusal (one refresh at a time per connection across nodes, through {@link TokenRefresher}); every call
 * is counted, and the CRM's own usage figure kept.
 *
 * <p>Every call first takes one from the connection's {@link CallBudget} (shared by all nodes): when the day's
 * allocation is spent it throws {@link BudgetSpentException} and makes no call; when this second's pace is used up it
 * waits for the next second. Afterwards the count is corrected by what the call reports it took (a split batch takes
 * more), and when the CRM reports its own usage and has fewer calls left than the budget, the budget believes it.
 */
public final class ConnectionCalls {
    /** Refresh ahead of expiry by this much, so a token cannot expire between the check and the call. */
    public static final Duration REFRESH_AHEAD = Duration.ofMinutes(2);
    /** Waits for the pace before the call is given up as rate limited (by LeadSync, not the CRM). */
    static final int MAX_PACE_WAITS = 50;

    private CrmSession session;
    private final WorkspaceId workspaceId;
    private final TokenRefresher refresher;
    private final CrmAuthorization authorization;
    private final Clock clock;
    private final CallBudget budget;
    private int calls;
    private Optional<ApiUsage> usage = Optional.empty();
    private Optional<ApiBudget.Day> today = Optional.empty();

    public ConnectionCalls(WorkspaceId workspaceId, CrmSession session, TokenRefresher refresher,
                    CrmAuthorization authorization, Clock clock, CallBudget budget) {
        this.workspaceId = workspaceId;
        this.session = session;
        this.refresher = refresher;
        this.authorization = authorization;
        this.clock = clock;
        this.budget = budget;
    }

    /**
     * @throws io.leadsync.application.port.out.ReauthorizationRequiredException when the refresh token is refused
     * @throws CrmRateLimitedException when the CRM's rate limit was hit (nothing written)
     * @throws BudgetSpentException when the connection's daily budget is spent (no call made)
     */
    public UpsertBatch upsert(CrmLeadWriter writer, List<CrmRecord> records) {
        return read(current -> writer.upsert(current, records), UpsertBatch::calls);
    }

    /** As {@link #upsert}, for up to the writer's {@link CrmLeadWriter#claimLimit()} records in its batches. */
    public UpsertBatch upsertBatches(CrmLeadWriter writer, List<CrmRecord> records) {
        return read(current -> writer.upsertBatches(current, records), UpsertBatch::calls);
    }

    /**
     * As {@link #read}, the failures a caller must handle named by a {@link CallOutcome} rather than thrown: the one
     * place the push pipeline learns how a CRM call ended.
     */
    public <T> CallOutcome<T> attempt(Function<CrmSession, T> call, ToIntFunction<T> callsOf) {
        return CallOutcome.of(() -> read(call, callsOf));
    }

    /**
     * A call through the session, with the same token handling and budget as {@link #upsert}; {@code callsOf} tells
     * how many CRM calls the answer took. An answer that carries the CRM's usage ({@link UpsertBatch},
     * {@link CrmChangeReader.ChangePage}) corrects the budget by it.
     */
    /**
     * A token is refreshed {@link #REFRESH_AHEAD} before it expires, or at half its life when it lives shorter than
     * twice that: otherwise a short-lived token (one that expires every minute) would be refreshed before every call,
     * doubling the calls and the chances of a failing one (issue 8's resilience suite).
     */
    private boolean dueForRefresh(CrmTokens tokens) {
        Duration ahead = tokens.accessExpiresAt()
                .map(expires -> Duration.between(tokens.issuedAt(), expires).dividedBy(2))
                .filter(half -> half.compareTo(REFRESH_AHEAD) < 0)
                .orElse(REFRESH_AHEAD);
        return tokens.expiresWithin(ahead, clock.instant());
    }

    public <T> T read(Function<CrmSession, T> call, ToIntFunction<T> callsOf) {
        if (dueForRefresh(session.tokens())) {
            session = session.withTokens(refreshed(session.tokens()));
        }
        reserve();
        T answer;
        try {
            answer = call.apply(session);
        } catch (AccessTokenRejectedException expired) {
            calls++;
            session = session.withTokens(refreshed(session.tokens()));
            reserve();
            answer = calledOnce(call);
        } catch (CrmRateLimitedException limited) {
            calls++;
            if (limited.daily()) {
                believeCrm(0);
            }
            throw limited;
        }
        int took = callsOf.applyAsInt(answer);
        calls += took;
        if (took != 1) {
            budget.budget().ifPresent(shared -> today = Optional.of(shared.adjust(workspaceId,
                    session.connectionId(), clock.instant(), budget.allocation(), took - 1L)));
        }
        reported(answer).ifPresent(reported -> {
            usage = Optional.of(reported);
            believeCrm(Math.max(0, reported.limit() - reported.used()));
        });
        return answer;
    }

    /** The call after a refresh: a second refusal is not retried again, a rate limit is counted as above. */
    private <T> T calledOnce(Function<CrmSession, T> call) {
        try {
            return call.apply(session);
        } catch (CrmRateLimitedException limited) {
            calls++;
            if (limited.daily()) {
                believeCrm(0);
            }
            throw limited;
        }
    }

    /** Takes one call from the budget, waiting out the pace; throws when the day's allocation is spent. */
    private void reserve() {
        if (budget.budget().isEmpty()) {
            return;
        }
        ApiBudget shared = budget.budget().get();
        for (int waits = 0; ; waits++) {
            Instant now = clock.instant();
            ApiBudget.Take take = shared.take(workspaceId, session.connectionId(), now, budget.allocation(),
                    budget.callsPerSecond(), 1);
            today = Optional.of(take.day());
            switch (take.outcome()) {
                case TAKEN:
                    return;
                case DAY_SPENT:
                    throw new BudgetSpentException(take.day().used(), take.day().allocation(),
                            ApiBudget.nextDay(now));
                default:
                    if (waits >= MAX_PACE_WAITS) {
                        throw new CrmRateLimitedException("LeadSync's pace of " + budget.callsPerSecond()
                                + " CRM calls a second for this connection is used up", Optional.of(
                                Duration.ofSeconds(1)), false);
                    }
                    pauseUntil(now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
            }
        }
    }

    private void pauseUntil(Instant nextSecond) {
        Duration wait = Duration.between(clock.instant(), nextSecond);
        try {
            budget.pause().pause(wait.isNegative() ? Duration.ZERO : wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmRateLimitedException("interrupted while waiting for the pace", Optional.empty(), false);
        }
    }

    private void believeCrm(long remaining) {
        budget.budget().ifPresent(shared -> today = Optional.of(shared.believeCrm(workspaceId,
                session.connectionId(), clock.instant(), budget.allocation(), remaining)));
    }

    private static Optional<ApiUsage> reported(Object answer) {
        if (answer instanceof UpsertBatch batch) {
            return batch.usage();
        }
        if (answer instanceof CrmChangeReader.ChangePage page) {
            return page.usage();
        }
        return Optional.empty();
    }

    private CrmTokens refreshed(CrmTokens refused) {
        return refresher.replace(workspaceId, session.connectionId(), refused, authorization);
    }

    public int calls() {
        return calls;
    }

    public Optional<ApiUsage> usage() {
        return usage;
    }

    /** The connection's budget for the day as last seen, when it has one. */
    public Optional<ApiBudget.Day> budgetToday() {
        return today;
    }
}
