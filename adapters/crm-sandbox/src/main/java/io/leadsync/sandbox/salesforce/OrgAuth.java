package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The org's users and its OAuth side: the connected app, authorization codes, access and refresh tokens, id_tokens
 * and the identity URL. Its own lock: nothing here touches records or schema.
 */
final class OrgAuth {

    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(2);
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    /** Salesforce id_tokens are short-lived: they prove a login, they do not grant access. */
    private static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(5);
    private static final Set<String> KNOWN_SCOPES = Set.of("api", "refresh_token", "offline_access", "id", "full",
            "openid", "web", "profile", "email", "address", "phone", "chatter_api", "visualforce");

    private final Clock clock;
    private final Supplier<String> baseUrlSupplier;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SandboxUser> users = new LinkedHashMap<>();
    private final OAuthTokens tokens = new OAuthTokens();
    private final IdTokens idTokens = new IdTokens();
    private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
    private boolean refreshTokenRotation;

    private final OrgProfile profile;

    OrgAuth(Clock clock, Supplier<String> baseUrl, OrgProfile profile) {
        this.clock = clock;
        this.baseUrlSupplier = baseUrl;
        this.profile = profile;
    }

    /** Back to the two seeded users (admin first, then the sales rep), no tokens, default token settings. */
    synchronized void reset(IdSequence ids) {
        users.clear();
        tokens.clear();
        tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        refreshTokenRotation = false;
        addUser(new SandboxUser(ids.next("005"), "admin@acme.example", "admin@acme.example", "Ada", "Admin",
                SandboxUser.SYSTEM_ADMINISTRATOR, "sandbox"));
        addUser(new SandboxUser(ids.next("005"), "rep@acme.example", "rep@acme.example", "Rory", "Rep",
                SandboxUser.STANDARD_USER, "sandbox"));
    }

    private void addUser(SandboxUser user) {
        users.put(user.id(), user);
    }

    synchronized List<SandboxUser> users() {
        return List.copyOf(users.values());
    }

    private Instant now() {
        return clock.instant();
    }

    private String baseUrl() {
        return baseUrlSupplier.get();
    }

    synchronized Map<String, String> userIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        users.values().forEach(u -> ids.put(u.username(), u.id()));
        return ids;
    }

    synchronized Set<String> liveTokens() {
        return tokens.all();
    }

    synchronized Optional<SandboxUser> userByUsername(String username) {
        return users.values().stream().filter(u -> u.username().equalsIgnoreCase(username)).findFirst();
    }

    synchronized Optional<SandboxUser> userById(String id) {
        return Optional.ofNullable(users.get(SalesforceIds.normalise(id)));
    }

    synchronized Optional<SandboxUser> login(String username, String password) {
        return userByUsername(username == null ? "" : username).filter(u -> u.password().equals(password));
    }

    static boolean isAllowedRedirect(String redirectUri) {
        if (redirectUri == null) {
            return false;
        }
        try {
            java.net.URI uri = new java.net.URI(redirectUri);
            String host = uri.getHost();
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && ("localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The granted scope, or null when a requested scope is unknown. */
    static String grantedScope(String requested) {
        if (requested == null || requested.isBlank()) {
            return "api refresh_token";
        }
        Set<String> scopes = new LinkedHashSet<>(List.of(requested.trim().split("[\\s+]+")));
        return KNOWN_SCOPES.containsAll(scopes) ? String.join(" ", scopes) : null;
    }

    synchronized String issueCode(String clientId, String redirectUri, String userId, String scope,
            String codeChallenge, String nonce) {
        String code = "aPrx" + randomToken(48);
        tokens.addCode(new OAuthTokens.AuthorizationCode(code, clientId, redirectUri, userId, scope, codeChallenge,
                nonce, now().plus(CODE_LIFETIME)));
        return code;
    }

    synchronized ObjectNode exchangeCode(Map<String, String> form) {
        checkClient(form.get("client_id"), form.get("client_secret"), true);
        OAuthTokens.AuthorizationCode code = tokens.takeCode(form.get("code"))
                .filter(c -> c.clientId().equals(form.get("client_id")))
                .filter(c -> now().isBefore(c.expiresAt()))
                .orElseThrow(() -> new OAuthError("invalid_grant", "invalid authorization code"));
        if (!code.redirectUri().equals(form.get("redirect_uri"))) {
            throw new OAuthError("redirect_uri_mismatch", "redirect_uri must match configuration");
        }
        if (code.codeChallenge() != null) {
            String verifier = form.get("code_verifier");
            if (verifier == null || verifier.isEmpty()) {
                throw new OAuthError("invalid_grant", "invalid code verifier");
            }
            if (!code.codeChallenge().equals(s256(verifier))) {
                throw new OAuthError("invalid_grant", "invalid code verifier");
            }
        }
        SandboxUser user = users.get(code.userId());
        return issueTokens(user, code.scope(), null, true, code.nonce());
    }

    synchronized ObjectNode refresh(Map<String, String> form) {
        checkClient(form.get("client_id"), form.get("client_secret"), false);
        OAuthTokens.RefreshToken refresh = tokens.refreshToken(form.get("refresh_token"))
                .filter(r -> r.clientId().equals(form.get("client_id")))
                .orElseThrow(() -> new OAuthError("invalid_grant", "expired access/refresh token"));
        SandboxUser user = users.get(refresh.userId());
        if (refreshTokenRotation) {
            tokens.removeRefreshTokenOnly(refresh.token());
            return issueTokens(user, refresh.scope(), null, true, null);
        }
        return issueTokens(user, refresh.scope(), refresh.token(), false, null);
    }

    /** What the control API hands a test instead of a browser dance: the same JSON as the token endpoint. */
    synchronized ObjectNode mintTokens(String username) {
        SandboxUser user = userByUsername(username).orElseThrow(() -> new IllegalArgumentException(
                "no user " + username + " in org " + profile.name()));
        return issueTokens(user, "api id refresh_token", null, true, null);
    }

    synchronized boolean revoke(String token) {
        return token != null && tokens.revoke(token);
    }

    private void checkClient(String clientId, String clientSecret, boolean secretRequired) {
        if (!SalesforceOrg.CLIENT_ID.equals(clientId)) {
            throw new OAuthError("invalid_client_id", "client identifier invalid");
        }
        if ((secretRequired || clientSecret != null) && !SalesforceOrg.CLIENT_SECRET.equals(clientSecret)) {
            throw new OAuthError("invalid_client", "invalid client credentials");
        }
    }

    private ObjectNode issueTokens(SandboxUser user, String scope, String refreshToken, boolean newRefreshToken,
            String nonce) {
        Instant issuedAt = now();
        String accessToken = profile.id().substring(0, 15) + "!" + randomToken(72);
        String refresh = refreshToken;
        boolean offline = scope.contains("refresh_token") || scope.contains("offline_access");
        if (newRefreshToken && offline) {
            refresh = "5Aep861" + randomToken(66);
            tokens.addRefreshToken(new OAuthTokens.RefreshToken(refresh, user.id(), SalesforceOrg.CLIENT_ID, scope));
        }
        tokens.addAccessToken(new OAuthTokens.AccessToken(accessToken, user.id(), refresh, issuedAt));
        String id = identityUrl(user);
        String issued = Long.toString(issuedAt.toEpochMilli());
        ObjectNode body = Json.object();
        body.put("access_token", accessToken);
        if (newRefreshToken && offline) {
            body.put("refresh_token", refresh);
        }
        body.put("signature", signature(id + issued));
        body.put("scope", scope);
        if (List.of(scope.split(" ")).contains("openid")) {
            body.put("id_token", idToken(user, scope, accessToken, issuedAt, nonce));
        }
        body.put("instance_url", baseUrl());
        body.put("id", id);
        body.put("token_type", "Bearer");
        body.put("issued_at", issued);
        return body;
    }

    /**
     * Salesforce's id_token: the identity URL as subject, the consumer key as audience, the login host as issuer, the
     * nonce of the authorize request; email and profile claims only with those scopes.
     */
    private String idToken(SandboxUser user, String scope, String accessToken, Instant issuedAt, String nonce) {
        List<String> scopes = List.of(scope.split(" "));
        ObjectNode claims = Json.object();
        claims.put("at_hash", IdTokens.accessTokenHash(accessToken));
        claims.put("sub", identityUrl(user));
        claims.put("aud", SalesforceOrg.CLIENT_ID);
        claims.put("iss", baseUrl());
        claims.put("exp", issuedAt.getEpochSecond() + ID_TOKEN_LIFETIME.toSeconds());
        claims.put("iat", issuedAt.getEpochSecond());
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        if (scopes.contains("email")) {
            claims.put("email", user.email());
            claims.put("email_verified", true);
        }
        if (scopes.contains("profile")) {
            claims.put("name", user.displayName());
            claims.put("preferred_username", user.username());
            claims.put("given_name", user.firstName());
            claims.put("family_name", user.lastName());
        }
        return idTokens.sign(claims);
    }

    ObjectNode jwks() {
        return idTokens.jwks();
    }

    /** The OpenID Connect discovery document, with the endpoints this sandbox serves. */
    synchronized ObjectNode openIdConfiguration() {
        ObjectNode body = Json.object();
        body.put("issuer", baseUrl());
        body.put("authorization_endpoint", baseUrl() + "/services/oauth2/authorize");
        body.put("token_endpoint", baseUrl() + "/services/oauth2/token");
        body.put("revocation_endpoint", baseUrl() + "/services/oauth2/revoke");
        body.put("userinfo_endpoint", baseUrl() + "/services/oauth2/userinfo");
        body.put("jwks_uri", baseUrl() + "/id/keys");
        body.set("scopes_supported", Json.strings(new java.util.TreeSet<>(KNOWN_SCOPES)));
        body.set("response_types_supported", Json.strings(List.of("code")));
        body.set("subject_types_supported", Json.strings(List.of("public")));
        body.set("id_token_signing_alg_values_supported", Json.strings(List.of("RS256")));
        body.set("display_values_supported", Json.strings(List.of("page", "popup", "touch")));
        body.set("token_endpoint_auth_methods_supported",
                Json.strings(List.of("client_secret_post", "client_secret_basic")));
        body.set("claims_supported", Json.strings(List.of("active", "address", "email", "email_verified",
                "family_name", "given_name", "is_app_installed", "language", "locale", "name", "nickname",
                "organization_id", "phone_number", "phone_number_verified", "photos", "picture",
                "preferred_username", "profile", "sub", "updated_at", "urls", "user_id", "user_type", "zoneinfo")));
        return body;
    }

    String identityUrl(SandboxUser user) {
        return baseUrl() + "/id/" + profile.id() + "/" + user.id();
    }

    /** The user behind a bearer token; an unknown, revoked or expired token is Salesforce's 401. */
    synchronized SandboxUser authenticate(String authorization) {
        if (authorization == null) {
            throw ApiException.invalidSession();
        }
        String token = authorization.replaceFirst("(?i)^(Bearer|OAuth)\\s+", "").trim();
        OAuthTokens.AccessToken access = tokens.accessToken(token).orElseThrow(ApiException::invalidSession);
        if (!now().isBefore(access.issuedAt().plus(tokenLifetime))) {
            throw ApiException.invalidSession();
        }
        return users.get(access.userId());
    }

    private String signature(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SalesforceOrg.CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer).replace('-', '.').replace('_', '9');
    }

    String randomTicket() {
        return randomToken(24);
    }

    synchronized void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    synchronized void refreshTokenRotation(boolean enabled) {
        this.refreshTokenRotation = enabled;
    }
}
