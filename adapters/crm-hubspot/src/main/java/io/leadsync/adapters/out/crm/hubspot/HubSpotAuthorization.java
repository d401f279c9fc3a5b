package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HubSpot's OAuth 2.0 through the date-versioned OAuth API (HUBSPOT.md sections 1 and 9; v1 is switched off on 16
 * February 2027): authorize URL with {@code state} and PKCE, code exchange, the token's introspection for the identity
 * (user, hub id, hub domain), refresh with the expiry HubSpot states, and revocation. Every call is a form post with
 * the app's credentials in the body, so neither they nor a token ever appear in a URL.
 */
@Singleton
@Requires(beans = HubSpotSettings.class)
final class HubSpotAuthorization implements CrmAuthorization {
    private static final Logger LOG = LoggerFactory.getLogger(HubSpotAuthorization.class);

    /** The date-versioned OAuth API; {@code /introspect} and {@code /revoke} hang below it. */
    static final String TOKEN = "/oauth/2026-03/token";

    private final HubSpotSettings settings;
    private final HubSpotHttp http;
    private final Clock clock;

    HubSpotAuthorization(HubSpotSettings settings, HubSpotHttp http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public CrmKind kind() {
        return CrmKind.HUBSPOT;
    }

    @Override
    public URI authorizeUrl(String state, String codeChallenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", settings.redirectUri().toString());
        query.put("scope", HubSpotSettings.SCOPES);
        query.put("state", state);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", "S256");
        StringBuilder url = new StringBuilder(settings.authorizeUrl().toString()).append('?');
        query.forEach((key, value) -> url.append(url.charAt(url.length() - 1) == '?' ? "" : "&")
                .append(HubSpotHttp.encode(key)).append('=').append(HubSpotHttp.encode(value).replace("+", "%20")));
        return URI.create(url.toString());
    }

    @Override
    public Authorized exchange(String code, String codeVerifier) {
        Map<String, String> form = client();
        form.put("grant_type", "authorization_code");
        form.put("redirect_uri", settings.redirectUri().toString());
        form.put("code", code);
        form.put("code_verifier", codeVerifier);
        Instant asked = clock.instant();
        HubSpotHttp.Response response = http.postForm(http.api(TOKEN), form);
        if (!response.ok()) {
            throw tokenFailure(response, false);
        }
        CrmTokens tokens = tokens(response.body(), asked, Optional.empty());
        return new Authorized(tokens, identity(tokens.accessToken()));
    }

    @Override
    public CrmTokens refresh(CrmTokens tokens) {
        String refreshToken = tokens.refreshToken().orElseThrow(() ->
                new ReauthorizationRequiredException("HubSpot gave no refresh token; connect again"));
        Map<String, String> form = client();
        form.put("grant_type", "refresh_token");
        form.put("redirect_uri", settings.redirectUri().toString());
        form.put("refresh_token", refreshToken);
        Instant asked = clock.instant();
        HubSpotHttp.Response response = http.postForm(http.api(TOKEN), form);
        if (!response.ok()) {
            throw tokenFailure(response, true);
        }
        return tokens(response.body(), asked, tokens.refreshToken());
    }

    /**
     * Revokes the refresh token, which ends the install's ability to get new access tokens, then the access token,
     * which HubSpot's revocation ends at once (the v1 API could not end an issued access token). Each answer is only
     * logged: a token HubSpot no longer knows is as good as revoked, and a disconnect must not fail on it.
     */
    @Override
    public void revoke(CrmTokens tokens) {
        tokens.refreshToken().ifPresent(refreshToken -> revokeOne(refreshToken, "refresh_token"));
        revokeOne(tokens.accessToken(), "access_token");
    }

    private void revokeOne(String token, String hint) {
        Map<String, String> form = client();
        form.put("token", token);
        form.put("token_type_hint", hint);
        HubSpotHttp.Response response = http.postForm(http.api(TOKEN + "/revoke"), form);
        if (!response.ok()) {
            LOG.info("HubSpot answered {} to revoking the {}; it is treated as gone", response.status(), hint);
        }
    }

    /** The app's credentials, which the date-versioned API takes in the form body only (never in the URL). */
    private Map<String, String> client() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        return form;
    }

    /** {@code expires_in} counts from when HubSpot answered; counting from the request keeps LeadSync on the safe side. */
    private static CrmTokens tokens(JsonNode body, Instant asked, Optional<String> previousRefreshToken) {
        if (body == null) {
            throw new CrmRejectedException("HubSpot's token response is empty");
        }
        String access = HubSpotHttp.text(body, "access_token").orElseThrow(() ->
                new CrmRejectedException("HubSpot's token response has no access_token"));
        long expiresIn = HubSpotHttp.text(body, "expires_in").map(Long::parseLong).orElseThrow(() ->
                new CrmRejectedException("HubSpot's token response has no expires_in"));
        // A refresh may hand out a new refresh token: always keep the latest one.
        Optional<String> refresh = HubSpotHttp.text(body, "refresh_token").or(() -> previousRefreshToken);
        return new CrmTokens(access, refresh, Optional.of(asked.plusSeconds(expiresIn)), asked);
    }

    /**
     * Who connected which portal, from the token's introspection: the user's email, the hub id, and the portal as
     * HubSpot documents it, its {@code hub_domain}. The account details' portal name exists only in a beta API
     * version, so it is not used; without a hub domain the account details' {@code uiDomain} names where it lives.
     */
    private CrmIdentity identity(String accessToken) {
        Map<String, String> form = client();
        form.put("token", accessToken);
        form.put("token_type_hint", "access_token");
        HubSpotHttp.Response info = http.postForm(http.api(TOKEN + "/introspect"), form);
        if (!info.ok() || info.body() == null) {
            if (info.status() >= 400 && info.status() < 500 && info.status() != 429 && info.body() != null) {
                throw tokenFailure(info, false);
            }
            throw new CrmUnavailableException("HubSpot's token introspection answered " + info.status());
        }
        if (!HubSpotHttp.text(info.body(), "active").map(Boolean::parseBoolean).orElse(false)) {
            throw new CrmRejectedException("HubSpot says the access token it has just issued is not active");
        }
        String user = HubSpotHttp.text(info.body(), "user").orElseThrow(() ->
                new CrmRejectedException("HubSpot's token introspection names no user"));
        String hubId = HubSpotHttp.text(info.body(), "hub_id").orElseThrow(() ->
                new CrmRejectedException("HubSpot's token introspection has no hub_id"));
        String portal = HubSpotHttp.text(info.body(), "hub_domain").filter(domain -> !domain.isBlank())
                .or(() -> uiDomain(accessToken).map(domain -> "HubSpot account " + hubId + " (" + domain + ")"))
                .orElse("HubSpot account " + hubId);
        return new CrmIdentity(user, portal, hubId, Optional.empty(), HubSpotHttp.text(info.body(), "user_id"));
    }

    private Optional<String> uiDomain(String accessToken) {
        HubSpotHttp.Response details = http.get(http.api("/account-info/2026-03/details"), accessToken);
        if (!details.ok()) {
            LOG.info("HubSpot's account details answered {}; the portal is shown by its id", details.status());
            return Optional.empty();
        }
        return HubSpotHttp.text(details.body(), "uiDomain").filter(domain -> !domain.isBlank());
    }

    private static RuntimeException tokenFailure(HubSpotHttp.Response response, boolean refreshing) {
        if (response.status() >= 500 || response.status() == 429 || response.body() == null) {
            return new CrmUnavailableException("HubSpot's token endpoint answered " + response.status());
        }
        // RFC 6749's fields first (the date-versioned API), HubSpot's older ones where a body has only those.
        String error = HubSpotHttp.text(response.body(), "error")
                .or(() -> HubSpotHttp.text(response.body(), "status")).orElse("HTTP_" + response.status());
        String message = HubSpotHttp.text(response.body(), "error_description")
                .or(() -> HubSpotHttp.text(response.body(), "message")).orElse("no reason given");
        if (refreshing && (error.equals("invalid_grant") || error.equals("BAD_REFRESH_TOKEN"))) {
            return new ReauthorizationRequiredException("HubSpot refused the refresh token (" + message + ")");
        }
        return new CrmRejectedException(error + ": " + message);
    }
}
