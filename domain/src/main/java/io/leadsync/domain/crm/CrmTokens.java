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
 * @param instanceUrl     where the tokens are to be used, where the CRM says with each token (Salesforce's
 *                        {@code instance_url}, which changes when Salesforce moves the org): the latest wins
 * @param issuer          the login host that issued them (Salesforce): refreshes and the revocation must go there
 */
public record CrmTokens(String accessToken, Optional<String> refreshToken, Optional<Instant> accessExpiresAt,
                        Instant issuedAt, Optional<String> instanceUrl, Optional<String> issuer) {
    public CrmTokens {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("an access token is required");
        }
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(instanceUrl, "instanceUrl");
        Objects.requireNonNull(issuer, "issuer");
    }

    /** Tokens of a CRM that names neither an instance nor a login host with them (HubSpot). */
    public CrmTokens(String accessToken, Optional<String> refreshToken, Optional<Instant> accessExpiresAt,
                     Instant issuedAt) {
        this(accessToken, refreshToken, accessExpiresAt, issuedAt, Optional.empty(), Optional.empty());
    }

    /**
     * The tokens after a refresh: the new access token, and the new refresh token where the CRM rotated it, else the
     * one already held; same issuer, same instance unless the CRM named another.
     */
    public CrmTokens refreshedWith(String newAccessToken, Optional<String> rotatedRefreshToken,
                                   Optional<Instant> newExpiry, Instant now) {
        return refreshedWith(newAccessToken, rotatedRefreshToken, newExpiry, now, Optional.empty());
    }

    /** As {@link #refreshedWith(String, Optional, Optional, Instant)}, with the instance the refresh named. */
    public CrmTokens refreshedWith(String newAccessToken, Optional<String> rotatedRefreshToken,
                                   Optional<Instant> newExpiry, Instant now, Optional<String> newInstanceUrl) {
        return new CrmTokens(newAccessToken, rotatedRefreshToken.or(() -> refreshToken), newExpiry, now,
                newInstanceUrl.or(() -> instanceUrl), issuer);
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
