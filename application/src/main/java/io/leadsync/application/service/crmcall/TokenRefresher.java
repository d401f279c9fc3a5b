package io.leadsync.application.service.crmcall;

import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Gets a connection working tokens after the CRM refused an access token, with one refresh at a time per connection
 * across all nodes: whoever claims the refresh re-reads the vault (another node may just have refreshed), refreshes at
 * the CRM outside any transaction and stores the result at once; the others wait for the new tokens to appear.
 */
public final class TokenRefresher {
    static final Duration CLAIM = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TokenRefresher.class);

    private final TokenVault vault;
    private final TransactionBoundary transactions;
    private final Clock clock;

    /** Tokens nobody keeps are revoked at the CRM, as a disconnect revokes its own; a failure leaves them to expire. */
    private static void revokeQuietly(CrmAuthorization authorization, CrmTokens tokens, ConnectionId connection) {
        try {
            authorization.revoke(tokens);
        } catch (RuntimeException e) {
            LOG.warn("Revoking the tokens refreshed for disconnected connection {} failed: {}", connection,
                    e.getClass().getSimpleName());
        }
    }

    public TokenRefresher(TokenVault vault, TransactionBoundary transactions, Clock clock) {
        this.vault = vault;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @throws io.leadsync.application.port.out.ReauthorizationRequiredException when the CRM refuses the refresh token
     * @throws CrmUnavailableException when no working tokens could be had in time
     */
    public CrmTokens replace(WorkspaceId workspace, ConnectionId connection, CrmTokens refused, CrmAuthorization authorization) {
        Instant giveUp = clock.instant().plus(CLAIM.multipliedBy(2));
        while (true) {
            Optional<CrmTokens> stored = vault.find(workspace, connection);
            if (stored.isPresent() && !stored.get().accessToken().equals(refused.accessToken())) {
                return stored.get();
            }
            Instant now = clock.instant();
            if (transactions.inTransaction(() -> vault.claimRefresh(workspace, connection, now, now.plus(CLAIM)))) {
                try {
                    CrmTokens current = vault.find(workspace, connection).orElse(refused);
                    if (!current.accessToken().equals(refused.accessToken())) {
                        return current;
                    }
                    CrmTokens refreshed = authorization.refresh(current);
                    // A rotated refresh token is stored at once: losing it would log the connection out. Only over
                    // the tokens there are: a disconnect that deleted them meanwhile wins (ADR 0099).
                    if (!transactions.inTransaction(() -> vault.replace(workspace, connection, refreshed))) {
                        revokeQuietly(authorization, refreshed, connection);
                        throw new ReauthorizationRequiredException("the connection was disconnected during a token "
                                + "refresh");
                    }
                    return refreshed;
                } finally {
                    transactions.inTransaction(() -> {
                        vault.releaseRefresh(workspace, connection);
                        return null;
                    });
                }
            }
            if (!clock.instant().isBefore(giveUp)) {
                throw new CrmUnavailableException("another node's token refresh did not finish in time");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CrmUnavailableException("interrupted while waiting for a token refresh", e);
            }
        }
    }
}
