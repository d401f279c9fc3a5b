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
 * HubSpot's OAuth 2.0 (HUBSPOT.md section 1): authorize URL with {@code state} and PKCE, code exchange, the access
 * token's information for the identity (user, hub id, domain) and the account details for the portal's name, refresh
 * with the expiry HubSpot states, and revocation of the refresh token.
 */
@Singleton
@Requires(beans = HubSpotSettings.class)
final class HubSpotAuthorization implements CrmAuthorization {
    private static final Logger LOG = LoggerFactory.getLogger(HubSpotAuthorization.class);

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
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        form.put("redirect_uri", settings.redirectUri().toString());
        form.put("code", code);
        form.put("code_verifier", codeVerifier);
        Instant asked = clock.instant();
        HubSpotHttp.Response response = http.postForm(http.api("/oauth/v1/token"), form);
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
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        form.put("redirect_uri", settings.redirectUri().toString());
        form.put("refresh_token", refreshToken);
        Instant asked = clock.instant();
        HubSpotHttp.Response response = http.postForm(http.api("/oauth/v1/token"), form);
        if (!response.ok()) {
            throw tokenFailure(response, true);
        }
        return tokens(response.body(), asked, tokens.refreshToken());
    }

    @Override
    public void revoke(CrmTokens tokens) {
        // Deleting the refresh token ends the install's ability to get new access tokens; HubSpot has no way to end
        // an access token already issued, which lapses within its 30 minutes.
        tokens.refreshToken().ifPresent(refreshToken -> {
            HubSpotHttp.Response response = http.delete(http.api("/oauth/v1/refresh-tokens/"
                    + HubSpotHttp.encode(refreshToken)));
            if (!response.ok()) {
                LOG.info("HubSpot answered {} to a revoke; the token is treated as gone", response.status());
            }
        });
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

    private CrmIdentity identity(String accessToken) {
        HubSpotHttp.Response info = http.getAnonymous(http.api("/oauth/v1/access-tokens/"
                + HubSpotHttp.encode(accessToken)));
        if (!info.ok() || info.body() == null) {
            throw new CrmUnavailableException("HubSpot's access-token information answered " + info.status());
        }
        String user = HubSpotHttp.text(info.body(), "user").orElseThrow(() ->
                new CrmRejectedException("HubSpot's token information names no user"));
        String hubId = HubSpotHttp.text(info.body(), "hub_id").orElseThrow(() ->
                new CrmRejectedException("HubSpot's token information has no hub_id"));
        Optional<String> hubDomain = HubSpotHttp.text(info.body(), "hub_domain");
        String portalName = portalName(accessToken).or(() -> hubDomain).orElse("HubSpot " + hubId);
        return new CrmIdentity(user, portalName, hubId, Optional.empty(), HubSpotHttp.text(info.body(), "user_id"));
    }

    /** The account details carry the portal's name on newer API versions; older ones only the domain. */
    private Optional<String> portalName(String accessToken) {
        HubSpotHttp.Response details = http.get(http.api("/account-info/v3/details"), accessToken);
        if (!details.ok()) {
            LOG.info("HubSpot's account details answered {}; showing the portal's domain instead", details.status());
            return Optional.empty();
        }
        return HubSpotHttp.text(details.body(), "portalName").filter(name -> !name.isBlank());
    }

    private static RuntimeException tokenFailure(HubSpotHttp.Response response, boolean refreshing) {
        if (response.status() >= 500 || response.status() == 429 || response.body() == null) {
            return new CrmUnavailableException("HubSpot's token endpoint answered " + response.status());
        }
        String status = HubSpotHttp.text(response.body(), "status").orElse("");
        String error = HubSpotHttp.text(response.body(), "error").orElse("");
        String message = HubSpotHttp.text(response.body(), "message")
                .or(() -> HubSpotHttp.text(response.body(), "error_description")).orElse("no reason given");
        if (refreshing && (status.equals("BAD_REFRESH_TOKEN") || error.equals("invalid_grant"))) {
            return new ReauthorizationRequiredException("HubSpot refused the refresh token (" + message + ")");
        }
        return new CrmRejectedException((status.isEmpty() ? error : status) + ": " + message);
    }
}
