package io.leadsync.sandbox.salesforce;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Authorization codes, refresh tokens and access tokens issued by the org, with their revocation links. */
final class OAuthTokens {

    record AuthorizationCode(String code, String clientId, String redirectUri, String userId, String scope,
            String codeChallenge, String nonce, Instant expiresAt) {
    }

    record RefreshToken(String token, String userId, String clientId, String scope) {
    }

    /** Expiry is judged against the org's current lifetime, so shortening it also expires tokens already issued. */
    record AccessToken(String token, String userId, String refreshToken, Instant issuedAt) {
    }

    private final Map<String, AuthorizationCode> codes = new HashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new HashMap<>();
    private final Map<String, AccessToken> accessTokens = new HashMap<>();

    /** Every access and refresh token still known (for tests that check a client never stores them in clear). */
    java.util.Set<String> all() {
        java.util.Set<String> all = new java.util.HashSet<>(accessTokens.keySet());
        all.addAll(refreshTokens.keySet());
        return all;
    }

    void addCode(AuthorizationCode code) {
        codes.put(code.code(), code);
    }

    /** Codes are single use: a second exchange of the same code fails like an unknown one. */
    Optional<AuthorizationCode> takeCode(String code) {
        return Optional.ofNullable(code == null ? null : codes.remove(code));
    }

    void addRefreshToken(RefreshToken token) {
        refreshTokens.put(token.token(), token);
    }

    Optional<RefreshToken> refreshToken(String token) {
        return Optional.ofNullable(token == null ? null : refreshTokens.get(token));
    }

    void addAccessToken(AccessToken token) {
        accessTokens.put(token.token(), token);
    }

    Optional<AccessToken> accessToken(String token) {
        return Optional.ofNullable(token == null ? null : accessTokens.get(token));
    }

    void removeRefreshTokenOnly(String token) {
        refreshTokens.remove(token);
    }

    /** Revoking a refresh token also revokes every access token issued from it. */
    boolean revoke(String token) {
        if (refreshTokens.remove(token) != null) {
            accessTokens.values().removeIf(access -> token.equals(access.refreshToken()));
            return true;
        }
        return accessTokens.remove(token) != null;
    }

    void clear() {
        codes.clear();
        refreshTokens.clear();
        accessTokens.clear();
    }
}
