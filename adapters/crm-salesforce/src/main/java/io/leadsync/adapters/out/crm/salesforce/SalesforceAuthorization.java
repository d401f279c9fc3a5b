package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.LoginHost;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Salesforce's OAuth 2.0 web-server flow with PKCE (SALESFORCE.md section 1): authorize URL, code exchange checked by
 * the response's signature, identity from the identity URL and the org's name from the Organization object, refresh
 * and revoke.
 */
@Singleton
// Only where the installation configured a Salesforce connected app (or demo mode configured the sandbox).
@Requires(beans = SalesforceSettings.class)
final class SalesforceAuthorization implements CrmAuthorization {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceAuthorization.class);

    private final SalesforceSettings settings;
    private final SalesforceHttp http;

    SalesforceAuthorization(SalesforceSettings settings, SalesforceHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public CrmKind kind() {
        return CrmKind.SALESFORCE;
    }

    @Override
    public URI authorizeUrl(String state, String codeChallenge) {
        return authorizeUrl(state, codeChallenge, Optional.empty());
    }

    @Override
    public URI authorizeUrl(String state, String codeChallenge, Optional<LoginHost> loginHost) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", settings.redirectUri().toString());
        query.put("scope", "api refresh_token id");
        query.put("state", state);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", "S256");
        // Ask for the login every time: an admin connecting an org must choose which user authorises it.
        query.put("prompt", "login consent");
        return URI.create(host(loginHost) + "/services/oauth2/authorize?" + form(query));
    }

    @Override
    public Authorized exchange(String code, String codeVerifier) {
        return exchange(code, codeVerifier, Optional.empty());
    }

    /**
     * The code goes to the login host that served the authorize page; the tokens remember that host (refresh and
     * revoke go back there) and the instance the answer named.
     */
    @Override
    public Authorized exchange(String code, String codeVerifier, Optional<LoginHost> loginHost) {
        URI issuer = host(loginHost);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        form.put("redirect_uri", settings.redirectUri().toString());
        form.put("code_verifier", codeVerifier);
        SalesforceHttp.Response response = http.postForm(tokenUrl(issuer), form);
        if (!response.ok()) {
            throw tokenFailure(response, false);
        }
        TokenPayload token = TokenPayload.from(response.body());
        verifySignature(token);
        CrmTokens tokens = new CrmTokens(token.accessToken(), token.refreshToken(), Optional.empty(), token.issuedAt(),
                Optional.of(token.instanceUrl()), Optional.of(issuer.toString()));
        return new Authorized(tokens, identity(token));
    }

    @Override
    public CrmTokens refresh(CrmTokens tokens) {
        String refreshToken = tokens.refreshToken().orElseThrow(() ->
                new ReauthorizationRequiredException("Salesforce gave no refresh token; connect again"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        // A refresh token works only at the login host that issued it (a sandbox org's at test.salesforce.com).
        SalesforceHttp.Response response = http.postForm(tokenUrl(issuer(tokens)), form);
        if (!response.ok()) {
            throw tokenFailure(response, true);
        }
        TokenPayload token = TokenPayload.from(response.body());
        verifySignature(token);
        // The refresh answer carries a refresh token only when the org rotates them; otherwise the old one stays. Its
        // instance_url is where the org lives now: Salesforce moves orgs between instances.
        return tokens.refreshedWith(token.accessToken(), token.refreshToken(), Optional.empty(), token.issuedAt(),
                Optional.of(token.instanceUrl()));
    }

    @Override
    public void revoke(CrmTokens tokens) {
        // Revoking the refresh token revokes every access token issued from it.
        String token = tokens.refreshToken().orElse(tokens.accessToken());
        SalesforceHttp.Response response = http.postForm(URI.create(issuer(tokens) + "/services/oauth2/revoke"),
                Map.of("token", token));
        if (!response.ok()) {
            LOG.info("Salesforce answered {} to a revoke; the token is treated as gone", response.status());
        }
    }

    private CrmIdentity identity(TokenPayload token) {
        SalesforceHttp.Response identity = http.get(URI.create(token.identityUrl()), token.accessToken());
        if (!identity.ok() || identity.body() == null) {
            throw new CrmUnavailableException("Salesforce's identity URL answered " + identity.status());
        }
        String email = text(identity.body(), "email").orElseThrow(() ->
                new CrmRejectedException("Salesforce's identity has no email"));
        String orgId = text(identity.body(), "organization_id").orElseThrow(() ->
                new CrmRejectedException("Salesforce's identity has no organization id"));
        return new CrmIdentity(email, organizationName(token).orElse(orgId), orgId, Optional.of(token.instanceUrl()),
                text(identity.body(), "user_id"));
    }

    /** The identity has no org name; the Organization object does (SALESFORCE.md 1.5). */
    private Optional<String> organizationName(TokenPayload token) {
        URI query = URI.create(token.instanceUrl() + "/services/data/" + settings.apiVersion() + "/query?q="
                + SalesforceHttp.encode("SELECT Id, Name FROM Organization"));
        SalesforceHttp.Response response = http.get(query, token.accessToken());
        if (!response.ok() || response.body() == null || response.body().get("records") == null
                || response.body().get("records").size() == 0) {
            LOG.warn("Could not read the Salesforce org's name ({}); showing its id instead", response.status());
            return Optional.empty();
        }
        return text(response.body().get("records").get(0), "Name");
    }

    /**
     * The token response's signature is an HMAC-SHA256 of {@code id + issued_at} under the client secret: checking it
     * proves the identity URL came from Salesforce for this app and was not altered on the way.
     */
    private void verifySignature(TokenPayload token) {
        if (token.signature().isEmpty()) {
            throw new CrmRejectedException("Salesforce's token response is not signed");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((token.identityUrl() + token.issuedAtText()).getBytes(StandardCharsets.UTF_8));
            byte[] actual = Base64.getDecoder().decode(token.signature().get());
            if (!MessageDigest.isEqual(expected, actual)) {
                throw new CrmRejectedException("Salesforce's token response signature does not match");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CrmRejectedException("Salesforce's token response signature cannot be checked", e);
        }
    }

    private RuntimeException tokenFailure(SalesforceHttp.Response response, boolean refreshing) {
        if (response.status() >= 500 || response.body() == null) {
            return new CrmUnavailableException("Salesforce's token endpoint answered " + response.status());
        }
        String error = text(response.body(), "error").orElse("error");
        String description = text(response.body(), "error_description").orElse("");
        String message = error + (description.isEmpty() ? "" : ": " + description);
        if (refreshing && error.equals("invalid_grant")) {
            return new ReauthorizationRequiredException("Salesforce refused the refresh token (" + message + ")");
        }
        return new CrmRejectedException(message);
    }

    private static URI tokenUrl(URI loginHost) {
        return URI.create(loginHost + "/services/oauth2/token");
    }

    private URI host(Optional<LoginHost> loginHost) {
        return loginHost.map(settings::loginUrl).orElse(settings.loginUrl());
    }

    /** Tokens stored before the login host was kept came from the installation's production login host. */
    private URI issuer(CrmTokens tokens) {
        return tokens.issuer().map(URI::create).orElse(settings.loginUrl());
    }

    private static String form(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            // %20, not the form encoding's '+', for spaces in a URL's query.
            out.append(SalesforceHttp.encode(key)).append('=')
                    .append(SalesforceHttp.encode(value).replace("+", "%20"));
        });
        return out.toString();
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.getStringValue());
    }

    /** The fields LeadSync uses from Salesforce's token response (SALESFORCE.md 1.2). */
    record TokenPayload(String accessToken, Optional<String> refreshToken, String instanceUrl, String identityUrl,
                        String issuedAtText, Optional<String> signature) {
        static TokenPayload from(JsonNode body) {
            if (body == null) {
                throw new CrmRejectedException("Salesforce's token response is empty");
            }
            return new TokenPayload(
                    text(body, "access_token").orElseThrow(() -> new CrmRejectedException("no access_token")),
                    text(body, "refresh_token"),
                    text(body, "instance_url").orElseThrow(() -> new CrmRejectedException("no instance_url")),
                    text(body, "id").orElseThrow(() -> new CrmRejectedException("no identity url")),
                    text(body, "issued_at").orElseThrow(() -> new CrmRejectedException("no issued_at")),
                    text(body, "signature"));
        }

        /** {@code issued_at} is epoch milliseconds, as a string. */
        Instant issuedAt() {
            return Instant.ofEpochMilli(Long.parseLong(issuedAtText));
        }

        @Override
        public String toString() {
            return "TokenPayload[" + instanceUrl + ", tokens ***]";
        }
    }
}
