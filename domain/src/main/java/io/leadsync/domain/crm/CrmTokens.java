package io.leadsync.domain.crm;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The OAuth tokens of one connection. Secrets: {@link #toString()} never shows them, and they are stored only
 * encrypted.
 *
 * @param accessExpiresAt when the access token expires, where the CRM says (HubSpot); empty where it does not
 *                        (Salesforce), so expiry is learned from a 401
 */
public record CrmTokens(String accessToken, Optional<String> refreshToken, Optional<Instant> accessExpiresAt,
                        Instant issuedAt) {
    public CrmTokens {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("an access token is required");
        }
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /**
     * The tokens after a refresh: the new access token, and the new refresh token where the CRM rotated it, else the
     * one already held.
     */
    public CrmTokens refreshedWith(String newAccessToken, Optional<String> rotatedRefreshToken,
                                   Optional<Instant> newExpiry, Instant now) {
        return new CrmTokens(newAccessToken, rotatedRefreshToken.or(() -> refreshToken), newExpiry, now);
    }

    /** Whether the access token should be refreshed before use: it expires within {@code margin} of {@code now}. */
    public boolean expiresWithin(java.time.Duration margin, Instant now) {
        return accessExpiresAt.map(expiry -> !expiry.isAfter(now.plus(margin))).orElse(false);
    }

    @Override
    public String toString() {
        return "CrmTokens[access=***, refresh=" + (refreshToken.isPresent() ? "***" : "none") + ", expires="
                + accessExpiresAt.map(Instant::toString).orElse("unknown") + "]";
    }
}
