package io.leadsync.application.service;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.domain.crm.CrmTokens;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One connection's CRM calls within a run: the access token is refreshed ahead of an expiry the CRM stated and once
 * after a refusal (one refresh at a time per connection across nodes, through {@link TokenRefresher}); every call
 * is counted, and the CRM's own usage figure kept.
 */
final class ConnectionCalls {
    /** Refresh ahead of expiry by this much, so a token cannot expire between the check and the call. */
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(2);

    private CrmSession session;
    private final io.leadsync.domain.workspace.WorkspaceId workspaceId;
    private final TokenRefresher refresher;
    private final CrmAuthorization authorization;
    private final Clock clock;
    private int calls;
    private Optional<ApiUsage> usage = Optional.empty();

    ConnectionCalls(io.leadsync.domain.workspace.WorkspaceId workspaceId, CrmSession session, TokenRefresher refresher,
                    CrmAuthorization authorization, Clock clock) {
        this.workspaceId = workspaceId;
        this.session = session;
        this.refresher = refresher;
        this.authorization = authorization;
        this.clock = clock;
    }

    /**
     * @throws io.leadsync.application.port.out.ReauthorizationRequiredException when the refresh token is refused
     * @throws CrmRateLimitedException when the CRM's rate limit was hit (nothing written)
     */
    UpsertBatch upsert(CrmLeadWriter writer, List<CrmRecord> records) {
        if (session.tokens().expiresWithin(REFRESH_AHEAD, clock.instant())) {
            session = session.withTokens(refreshed(session.tokens()));
        }
        try {
            return counted(writer.upsert(session, records));
        } catch (AccessTokenRejectedException expired) {
            calls++;
            session = session.withTokens(refreshed(session.tokens()));
            return counted(writer.upsert(session, records));
        } catch (CrmRateLimitedException limited) {
            calls++;
            throw limited;
        }
    }

    /**
     * A read through the session, with the same token handling as {@link #upsert}; {@code callsOf} tells how many
     * CRM calls the answer took.
     */
    <T> T read(java.util.function.Function<CrmSession, T> call, java.util.function.ToIntFunction<T> callsOf) {
        if (session.tokens().expiresWithin(REFRESH_AHEAD, clock.instant())) {
            session = session.withTokens(refreshed(session.tokens()));
        }
        T answer;
        try {
            answer = call.apply(session);
        } catch (AccessTokenRejectedException expired) {
            calls++;
            session = session.withTokens(refreshed(session.tokens()));
            answer = call.apply(session);
        } catch (CrmRateLimitedException limited) {
            calls++;
            throw limited;
        }
        calls += callsOf.applyAsInt(answer);
        return answer;
    }

    private UpsertBatch counted(UpsertBatch batch) {
        calls += batch.calls();
        batch.usage().ifPresent(reported -> usage = Optional.of(reported));
        return batch;
    }

    private CrmTokens refreshed(CrmTokens refused) {
        return refresher.replace(workspaceId, session.connectionId(), refused, authorization);
    }

    int calls() {
        return calls;
    }

    Optional<ApiUsage> usage() {
        return usage;
    }
}
