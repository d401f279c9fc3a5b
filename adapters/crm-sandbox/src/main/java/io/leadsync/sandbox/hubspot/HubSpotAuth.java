package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Users, authorization codes and tokens of the portal. Thread-safe: every method locks the instance. */
final class HubSpotAuth {

    static final String CLIENT_ID = "leadsync-sandbox";
    static final String CLIENT_SECRET = "sandbox-secret";
    static final long HUB_ID = 123456;
    static final long APP_ID = 4_242_424;
    static final String HUB_DOMAIN = "acme-hubspot.hubspot.com";
    static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(1800);
    /** How long a code stays exchangeable: UNCONFIRMED in the digest, so a short value that catches slow clients. */
    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

    /** The scopes the sandbox app is configured with; an authorize request for any other is refused. */
    static final Set<String> APP_SCOPES = Set.of("oauth", "crm.objects.contacts.read", "crm.objects.contacts.write",
            "crm.objects.companies.read", "crm.objects.companies.write", "crm.schemas.contacts.read",
            "crm.schemas.contacts.write", "crm.schemas.companies.read", "crm.schemas.companies.write");

    record AccessToken(String token, PortalUser user, List<String> scopes, Instant issuedAt) {
    }

    record RefreshToken(String token, PortalUser user, List<String> scopes) {
    }

    private record Code(PortalUser user, List<String> scopes, String redirectUri, String challenge, Instant expiresAt) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, PortalUser> users = new LinkedHashMap<>();
    private final Map<String, Code> codes = new LinkedHashMap<>();
    private final Map<String, AccessToken> accessTokens = new LinkedHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new LinkedHashMap<>();
    private Duration accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
    private boolean refreshTokenRotation;
    /** False once HubSpot has switched the v1 OAuth API off (16 February 2027); on until then, as today. */
    private boolean oauthV1 = true;
    /** The app's required and optional scopes; null = any subset of APP_SCOPES is accepted (demo mode). */
    private Set<String> requiredScopes;
    private Set<String> optionalScopes;

    HubSpotAuth(Clock clock) {
        this.clock = clock;
        reset();
    }

    synchronized void reset() {
        users.clear();
        codes.clear();
        accessTokens.clear();
        refreshTokens.clear();
        accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
        refreshTokenRotation = false;
        oauthV1 = true;
        requiredScopes = null;
        optionalScopes = null;
        users.put("admin@acme.example", new PortalUser(1001, "admin@acme.example", "sandbox", true, true));
        users.put("rep@acme.example", new PortalUser(1002, "rep@acme.example", "sandbox", false, false));
    }

    Instant now() {
        return clock.instant();
    }

    synchronized Optional<PortalUser> login(String email, String password) {
        PortalUser user = email == null ? null : users.get(email.trim().toLowerCase(java.util.Locale.ROOT));
        return Optional.ofNullable(user).filter(u -> u.password().equals(password));
    }

    synchronized Optional<PortalUser> user(String email) {
        return Optional.ofNullable(users.get(email));
    }

    synchronized PortalUser rep() {
        return users.get("rep@acme.example");
    }

    /** Space-separated scopes, or null when one is not configured on the app. */
    static List<String> parseScopes(String requested) {
        if (requested == null || requested.isBlank()) {
            return List.of();
        }
        Set<String> scopes = new LinkedHashSet<>(List.of(requested.trim().split("[\\s+]+")));
        return APP_SCOPES.containsAll(scopes) ? List.copyOf(scopes) : null;
    }

    /**
     * Pins the app's scope configuration as a developer sets it in HubSpot: every required scope must then be in the
     * install URL's {@code scope}, which may hold nothing else, and {@code optional_scope} only optional ones.
     */
    synchronized void appScopes(Collection<String> required, Collection<String> optional) {
        Set<String> all = new LinkedHashSet<>(required);
        all.addAll(optional);
        if (required.isEmpty() || !APP_SCOPES.containsAll(all)) {
            throw new IllegalArgumentException("required scopes must be a non-empty subset of " + APP_SCOPES
                    + ", optional ones too");
        }
        this.requiredScopes = new LinkedHashSet<>(required);
        this.optionalScopes = new LinkedHashSet<>(optional);
    }

    /** Why the install URL's scopes do not fit the app's configuration, or null when they do. */
    synchronized String scopeMismatch(List<String> scope, List<String> optional) {
        if (requiredScopes == null) {
            return null;
        }
        if (!new LinkedHashSet<>(scope).equals(requiredScopes)) {
            return "the scope parameter " + scope + " does not match the app's required scopes " + requiredScopes;
        }
        if (!optionalScopes.containsAll(optional)) {
            return "the optional_scope parameter " + optional + " holds scopes the app does not list as optional "
                    + optionalScopes;
        }
        return null;
    }

    synchronized String issueCode(PortalUser user, List<String> scopes, String redirectUri, String challenge) {
        String code = UUID.randomUUID().toString();
        codes.put(code, new Code(user, scopes, redirectUri, challenge, now().plus(CODE_LIFETIME)));
        return code;
    }

    synchronized java.util.Set<String> liveTokens() {
        java.util.Set<String> all = new java.util.HashSet<>(accessTokens.keySet());
        all.addAll(refreshTokens.keySet());
        return all;
    }

    synchronized ObjectNode exchangeCode(Map<String, String> form) {
        checkClient(form);
        Code code = codes.remove(form.getOrDefault("code", ""));
        if (code == null) {
            throw OAuthRules.tokenError("BAD_AUTH_CODE", "missing or unknown auth code");
        }
        if (!now().isBefore(code.expiresAt())) {
            throw OAuthRules.tokenError("EXPIRED_AUTH_CODE", "auth code is expired");
        }
        if (!code.redirectUri().equals(form.get("redirect_uri"))) {
            throw OAuthRules.tokenError("BAD_REDIRECT_URI", "redirect_uri does not match the one used to get the auth code");
        }
        if (code.challenge() != null) {
            String verifier = form.get("code_verifier");
            if (verifier == null || !OAuthRules.s256(verifier).equals(code.challenge())) {
                throw OAuthRules.tokenError("BAD_AUTH_CODE", "code_verifier does not match the code_challenge");
            }
        }
        RefreshToken refresh = new RefreshToken(UUID.randomUUID().toString(), code.user(), code.scopes());
        refreshTokens.put(refresh.token(), refresh);
        return tokenResponse(refresh);
    }

    synchronized ObjectNode refresh(Map<String, String> form) {
        checkClient(form);
        RefreshToken refresh = refreshTokens.get(form.getOrDefault("refresh_token", ""));
        if (refresh == null) {
            throw OAuthRules.tokenError("BAD_REFRESH_TOKEN", "refresh token is invalid, expired or revoked");
        }
        if (refreshTokenRotation) {
            refreshTokens.remove(refresh.token());
            refresh = new RefreshToken(UUID.randomUUID().toString(), refresh.user(), refresh.scopes());
            refreshTokens.put(refresh.token(), refresh);
        }
        return tokenResponse(refresh);
    }

    /** Tokens for a seeded user without the browser dance, granted every scope of the app. */
    synchronized ObjectNode mint(String email) {
        PortalUser user = user(email).orElseThrow(() -> new IllegalArgumentException("no user " + email));
        List<String> scopes = APP_SCOPES.stream().sorted().toList();
        RefreshToken refresh = new RefreshToken(UUID.randomUUID().toString(), user, scopes);
        refreshTokens.put(refresh.token(), refresh);
        return tokenResponse(refresh);
    }

    private ObjectNode tokenResponse(RefreshToken refresh) {
        AccessToken access = new AccessToken(newAccessToken(), refresh.user(), refresh.scopes(), now());
        accessTokens.put(access.token(), access);
        ObjectNode body = HubSpotJson.object();
        body.put("token_type", "bearer");
        body.put("refresh_token", refresh.token());
        body.put("access_token", access.token());
        body.put("expires_in", Math.toIntExact(accessTokenLifetime.toSeconds()));
        body.put("token_use", "access_token");
        body.put("hub_id", HUB_ID);
        body.put("user_id", refresh.user().id());
        body.set("scopes", HubSpotJson.strings(refresh.scopes()));
        return body;
    }

    /** Opaque and long, like HubSpot's (they start with a region letter pair; clients must not parse them). */
    private String newAccessToken() {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        return "CN" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void checkClient(Map<String, String> form) {
        // BAD_CLIENT_ID is UNCONFIRMED in the digest; a wrong secret is reported the same way on purpose.
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            throw OAuthRules.tokenError("BAD_CLIENT_ID", "missing or unknown client id, or wrong client secret");
        }
    }

    /** The token behind a Bearer header; 401 in HubSpot's shape when it is missing, unknown or expired. */
    synchronized AccessToken authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw HubSpotError.of(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API"
                    + " supports OAuth 2.0 authentication and you can find more details at"
                    + " https://developers.hubspot.com/docs/methods/auth/oauth-overview");
        }
        AccessToken token = accessTokens.get(authorization.substring(7).trim());
        if (token == null) {
            throw HubSpotError.of(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API"
                    + " supports OAuth 2.0 authentication and you can find more details at"
                    + " https://developers.hubspot.com/docs/methods/auth/oauth-overview");
        }
        Instant expiry = expiry(token);
        if (!now().isBefore(expiry)) {
            long ago = Duration.between(expiry, now()).toSeconds();
            throw HubSpotError.of(401, "EXPIRED_AUTHENTICATION",
                    "The OAuth token used to make this call expired " + ago + " second(s) ago.",
                    body -> body.putObject("context").set("expire time",
                            HubSpotJson.strings(List.of(HubSpotTime.format(expiry)))));
        }
        return token;
    }

    private Instant expiry(AccessToken token) {
        return token.issuedAt().plus(accessTokenLifetime);
    }

    synchronized ObjectNode accessTokenInfo(String token) {
        AccessToken access = accessTokens.get(token);
        if (access == null || !now().isBefore(expiry(access))) {
            // The digest does not show this answer; 404 in the CRM shape keeps "unknown" distinct from "expired".
            if (access != null) {
                authenticate("Bearer " + token);
            }
            throw HubSpotError.notFound();
        }
        ObjectNode body = HubSpotJson.object();
        body.put("token", access.token());
        body.put("user", access.user().email());
        body.put("hub_domain", HUB_DOMAIN);
        body.set("scopes", HubSpotJson.strings(access.scopes()));
        body.put("hub_id", HUB_ID);
        body.put("app_id", APP_ID);
        body.put("expires_in", Math.toIntExact(Duration.between(now(), expiry(access)).toSeconds()));
        body.put("user_id", access.user().id());
        body.put("token_type", "access");
        body.put("is_private_distribution", false);
        return body;
    }

    synchronized ObjectNode refreshTokenInfo(String token) {
        RefreshToken refresh = refreshTokens.get(token);
        if (refresh == null) {
            throw HubSpotError.notFound();
        }
        ObjectNode body = HubSpotJson.object();
        body.put("token", refresh.token());
        body.put("user", refresh.user().email());
        body.put("hub_domain", HUB_DOMAIN);
        body.set("scopes", HubSpotJson.strings(refresh.scopes()));
        body.put("hub_id", HUB_ID);
        body.put("client_id", CLIENT_ID);
        body.put("user_id", refresh.user().id());
        body.put("token_type", "refresh");
        return body;
    }

    /** RFC 7662 introspection (OAuth v3): {@code {"active":false}} for anything unknown, expired or revoked. */
    synchronized ObjectNode introspect(Map<String, String> form) {
        checkClient(form);
        String token = form.getOrDefault("token", "");
        ObjectNode body = HubSpotJson.object();
        AccessToken access = accessTokens.get(token);
        RefreshToken refresh = refreshTokens.get(token);
        if (access != null && now().isBefore(expiry(access))) {
            body.put("active", true);
            fill(body, access.token(), access.user(), access.scopes());
            body.put("token_type", "access");
            body.put("token_use", "access_token");
            body.put("expires_in", Math.toIntExact(Duration.between(now(), expiry(access)).toSeconds()));
        } else if (refresh != null) {
            body.put("active", true);
            fill(body, refresh.token(), refresh.user(), refresh.scopes());
            body.put("token_type", "refresh");
            body.put("token_use", "refresh_token");
        } else {
            body.put("active", false);
        }
        return body;
    }

    private static void fill(ObjectNode body, String token, PortalUser user, List<String> scopes) {
        body.put("app_id", APP_ID);
        body.put("client_id", CLIENT_ID);
        body.put("hub_domain", HUB_DOMAIN);
        body.put("hub_id", HUB_ID);
        body.put("is_private_distribution", false);
        body.set("scopes", HubSpotJson.strings(scopes));
        body.put("token", token);
        body.put("user", user.email());
        body.put("user_id", user.id());
    }

    /**
     * RFC 7009 revocation (OAuth v3): unknown tokens are not an error. Revoking an access token ends it at once;
     * revoking a refresh token leaves issued access tokens alone, as the v1 DELETE does.
     */
    synchronized void revoke(Map<String, String> form) {
        checkClient(form);
        String token = form.getOrDefault("token", "");
        accessTokens.remove(token);
        refreshTokens.remove(token);
    }

    /** Access tokens already issued stay valid until they expire, as the digest says of HubSpot. */
    synchronized boolean revokeRefreshToken(String token) {
        return refreshTokens.remove(token) != null;
    }

    synchronized void accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = lifetime;
    }

    synchronized void refreshTokenRotation(boolean enabled) {
        this.refreshTokenRotation = enabled;
    }

    synchronized void oauthV1(boolean enabled) {
        this.oauthV1 = enabled;
    }

    synchronized boolean oauthV1() {
        return oauthV1;
    }

}
