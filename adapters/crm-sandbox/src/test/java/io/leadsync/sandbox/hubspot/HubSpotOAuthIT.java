package io.leadsync.sandbox.hubspot;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.CONTACTS;
import static io.leadsync.sandbox.hubspot.HubSpotHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubSpotOAuthIT {

    private static final String REDIRECT = "http://localhost:8080/oauth/hubspot/callback";
    private static final String SCOPES = "oauth crm.objects.contacts.read crm.objects.contacts.write";
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static HubSpotSandbox sandbox;
    private static HubSpotHttp http;
    private final HubSpotBrowser browser = new HubSpotBrowser();

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(0, CLOCK);
        http = new HubSpotHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    private static URI authorizeUrl(String clientId, String redirect, String scope, String extra) {
        return URI.create(sandbox.baseUrl() + "/oauth/authorize?client_id=" + clientId + "&redirect_uri="
                + HubSpotCall.encode(redirect) + "&scope=" + HubSpotCall.encode(scope) + "&state=st-42" + extra);
    }

    private String code(String user, String scope, String extra) throws Exception {
        URI callback = browser.logInAndConsent(authorizeUrl(HubSpotSandbox.CLIENT_ID, REDIRECT, scope, extra), user,
                "sandbox", true);
        assertThat(callback.toString()).startsWith(REDIRECT + "?code=");
        assertThat(HubSpotBrowser.parameter(callback, "state")).isEqualTo("st-42");
        return HubSpotBrowser.parameter(callback, "code");
    }

    private static Map<String, String> exchange(String code) {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", HubSpotSandbox.CLIENT_ID);
        form.put("client_secret", HubSpotSandbox.CLIENT_SECRET);
        form.put("redirect_uri", REDIRECT);
        form.put("code", code);
        return form;
    }

    private static Map<String, String> refresh(String refreshToken) {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", HubSpotSandbox.CLIENT_ID);
        form.put("client_secret", HubSpotSandbox.CLIENT_SECRET);
        form.put("redirect_uri", REDIRECT);
        form.put("refresh_token", refreshToken);
        return form;
    }

    @Test
    void loginConsentAndCodeExchangeGiveBearerTokensForTheAdmin() throws Exception {
        HttpResponse<String> response = http.form("/oauth/v1/token", exchange(code("admin@acme.example", SCOPES, "")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tokens = json(response);
        assertThat(tokens.get("token_type").asText()).isEqualTo("bearer");
        assertThat(tokens.get("expires_in").asInt()).isEqualTo(1800);
        assertThat(tokens.get("refresh_token").asText()).isNotBlank();
        assertThat(tokens.get("hub_id").asLong()).isEqualTo(123456);

        JsonNode info = json(http.get("/oauth/v1/access-tokens/" + tokens.get("access_token").asText(), null));
        assertThat(info.get("hub_id").asLong()).isEqualTo(HubSpotSandbox.HUB_ID);
        assertThat(info.get("user").asText()).isEqualTo("admin@acme.example");
        assertThat(info.get("hub_domain").asText()).isNotBlank();
        assertThat(info.get("token_type").asText()).isEqualTo("access");
        assertThat(info.get("expires_in").asInt()).isEqualTo(1800);
        assertThat(info.get("user_id").asLong()).isPositive();
        assertThat(info.get("app_id").asLong()).isPositive();
        assertThat(info.get("scopes")).extracting(JsonNode::asText)
                .containsExactly("oauth", "crm.objects.contacts.read", "crm.objects.contacts.write");

        CLOCK.advance(Duration.ofSeconds(600));
        assertThat(json(http.get("/oauth/v1/access-tokens/" + tokens.get("access_token").asText(), null))
                .get("expires_in").asInt()).isEqualTo(1200);
        assertThat(http.get(CONTACTS, tokens.get("access_token").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void optionalScopesAreGrantedToo() throws Exception {
        String code = code("admin@acme.example", SCOPES, "&optional_scope=crm.schemas.contacts.write");
        JsonNode tokens = json(http.form("/oauth/v1/token", exchange(code)));
        assertThat(tokens.get("scopes")).extracting(JsonNode::asText).contains("crm.schemas.contacts.write");
    }

    @Test
    void aCodeIsSingleUseBoundToItsRedirectAndExpires() throws Exception {
        String code = code("admin@acme.example", SCOPES, "");
        Map<String, String> wrongRedirect = exchange(code);
        wrongRedirect.put("redirect_uri", "http://localhost:9999/other");
        assertThat(json(http.form("/oauth/v1/token", wrongRedirect)).get("status").asText())
                .isEqualTo("BAD_REDIRECT_URI");
        HttpResponse<String> reused = http.form("/oauth/v1/token", exchange(code));
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(json(reused).get("status").asText()).isEqualTo("BAD_AUTH_CODE");
        assertThat(json(reused).get("correlationId").asText()).isNotBlank();

        String late = code("admin@acme.example", SCOPES, "");
        CLOCK.advance(Duration.ofMinutes(6));
        HttpResponse<String> expired = http.form("/oauth/v1/token", exchange(late));
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(json(expired).get("status").asText()).isEqualTo("EXPIRED_AUTH_CODE");
    }

    @Test
    void aWrongClientSecretIsRefused() throws Exception {
        Map<String, String> form = exchange(code("admin@acme.example", SCOPES, ""));
        form.put("client_secret", "guess");
        HttpResponse<String> response = http.form("/oauth/v1/token", form);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("status").asText()).isEqualTo("BAD_CLIENT_ID");
    }

    @Test
    void pkceVerifierMustMatchTheChallenge() throws Exception {
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        String extra = "&code_challenge=" + OAuthRules.s256(verifier) + "&code_challenge_method=S256";
        Map<String, String> wrong = exchange(code("admin@acme.example", SCOPES, extra));
        wrong.put("code_verifier", "x".repeat(43));
        assertThat(http.form("/oauth/v1/token", wrong).statusCode()).isEqualTo(400);

        Map<String, String> right = exchange(code("admin@acme.example", SCOPES, extra));
        right.put("code_verifier", verifier);
        assertThat(http.form("/oauth/v1/token", right).statusCode()).isEqualTo(200);
    }

    @Test
    void badClientIdRedirectOrScopeShowAnErrorPageAndNeverRedirect() {
        for (URI url : new URI[] {
                authorizeUrl("someone-else", REDIRECT, SCOPES, ""),
                authorizeUrl(HubSpotSandbox.CLIENT_ID, "https://evil.example/callback", SCOPES, ""),
                authorizeUrl(HubSpotSandbox.CLIENT_ID, REDIRECT, "crm.objects.deals.read", ""),
                authorizeUrl(HubSpotSandbox.CLIENT_ID, REDIRECT, "", "")}) {
            HttpResponse<String> page = http.get(url.toString().substring(sandbox.baseUrl().length()), null);
            assertThat(page.statusCode()).as(url.toString()).isEqualTo(400);
            assertThat(page.headers().firstValue("Location")).isEmpty();
            assertThat(page.body()).contains("Authorization failed");
        }
    }

    @Test
    void aWrongPasswordShowsTheLoginPageAgainAndCancelRedirectsWithAccessDenied() throws Exception {
        URI url = authorizeUrl(HubSpotSandbox.CLIENT_ID, REDIRECT, SCOPES, "");
        assertThatThrownBy(() -> browser.logInAndConsent(url, "admin@acme.example", "wrong", true))
                .hasMessageContaining("match our records");
        URI cancelled = browser.logInAndConsent(url, "rep@acme.example", "sandbox", false);
        assertThat(HubSpotBrowser.parameter(cancelled, "error")).isEqualTo("access_denied");
        assertThat(HubSpotBrowser.parameter(cancelled, "state")).isEqualTo("st-42");
    }

    @Test
    void refreshGivesANewAccessTokenAndRevocationEndsRefreshingButNotIssuedAccessTokens() throws Exception {
        JsonNode tokens = json(http.form("/oauth/v1/token", exchange(code("rep@acme.example", SCOPES, ""))));
        String refreshToken = tokens.get("refresh_token").asText();

        JsonNode refreshed = json(http.form("/oauth/v1/token", refresh(refreshToken)));
        assertThat(refreshed.get("access_token").asText()).isNotEqualTo(tokens.get("access_token").asText());
        assertThat(refreshed.get("refresh_token").asText()).isEqualTo(refreshToken);
        assertThat(refreshed.get("expires_in").asInt()).isEqualTo(1800);

        JsonNode info = json(http.get("/oauth/v1/refresh-tokens/" + refreshToken, null));
        assertThat(info.get("user").asText()).isEqualTo("rep@acme.example");
        assertThat(info.get("client_id").asText()).isEqualTo(HubSpotSandbox.CLIENT_ID);
        assertThat(info.get("hub_id").asLong()).isEqualTo(123456);
        assertThat(info.get("token_type").asText()).isEqualTo("refresh");

        assertThat(http.send("DELETE", "/oauth/v1/refresh-tokens/" + refreshToken, null, null).statusCode())
                .isEqualTo(204);
        HttpResponse<String> again = http.form("/oauth/v1/token", refresh(refreshToken));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).get("status").asText()).isEqualTo("BAD_REFRESH_TOKEN");
        assertThat(json(again).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(http.get(CONTACTS, refreshed.get("access_token").asText()).statusCode()).isEqualTo(200);
        assertThat(http.get("/oauth/v1/refresh-tokens/" + refreshToken, null).statusCode()).isEqualTo(404);
    }

    @Test
    void crmCallsNeedAValidUnexpiredBearerToken() {
        HttpResponse<String> missing = http.get(CONTACTS, null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).get("category").asText()).isEqualTo("INVALID_AUTHENTICATION");
        assertThat(json(missing).get("status").asText()).isEqualTo("error");
        assertThat(json(missing).get("correlationId").asText()).isNotBlank();
        assertThat(http.get(CONTACTS, "not-a-token").statusCode()).isEqualTo(401);

        String token = http.token("admin@acme.example");
        Instant issued = CLOCK.instant();
        CLOCK.advance(Duration.ofSeconds(1805));
        HttpResponse<String> expired = http.get(CONTACTS, token);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get("category").asText()).isEqualTo("EXPIRED_AUTHENTICATION");
        assertThat(json(expired).get("message").asText())
                .isEqualTo("The OAuth token used to make this call expired 5 second(s) ago.");
        assertThat(json(expired).at("/context/expire time/0").asText()).isEqualTo(HubSpotTime.format(issued.plusSeconds(1800)));
    }

    @Test
    void theAccessTokenLifetimeIsConfigurable() {
        sandbox.accessTokenLifetime(Duration.ofSeconds(60));
        Map<String, Object> tokens = sandbox.tokensFor("admin@acme.example");
        assertThat(tokens.get("expires_in")).isEqualTo(60);
        CLOCK.advance(Duration.ofSeconds(60));
        assertThat(http.get(CONTACTS, (String) tokens.get("access_token")).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutTheWriteScopeGets403MissingScopes() throws Exception {
        String code = code("admin@acme.example", "oauth crm.objects.contacts.read", "");
        String token = json(http.form("/oauth/v1/token", exchange(code))).get("access_token").asText();
        HttpResponse<String> response = http.post(CONTACTS, token, "{'properties':{'email':'a@b.example'}}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("category").asText()).isEqualTo("MISSING_SCOPES");
        assertThat(json(response).at("/errors/0/context/requiredGranularScopes/0").asText())
                .isEqualTo("crm.objects.contacts.write");
    }

    @Test
    void v3TokenIntrospectAndRevoke() throws Exception {
        Map<String, String> form = exchange(code("admin@acme.example", SCOPES, ""));
        HttpResponse<String> response = http.form("/oauth/v3/token", form);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tokens = json(response);
        String access = tokens.get("access_token").asText();

        Map<String, String> introspect = new HashMap<>();
        introspect.put("client_id", HubSpotSandbox.CLIENT_ID);
        introspect.put("client_secret", HubSpotSandbox.CLIENT_SECRET);
        introspect.put("token", access);
        JsonNode info = json(http.form("/oauth/v3/token/introspect", introspect));
        assertThat(info.get("active").asBoolean()).isTrue();
        assertThat(info.get("hub_id").asLong()).isEqualTo(123456);
        assertThat(info.get("user").asText()).isEqualTo("admin@acme.example");
        assertThat(info.get("token_type").asText()).isEqualTo("access");

        assertThat(http.form("/oauth/v3/token/revoke", introspect).statusCode()).isEqualTo(200);
        assertThat(json(http.form("/oauth/v3/token/introspect", introspect)).get("active").asBoolean()).isFalse();
        assertThat(http.get(CONTACTS, access).statusCode()).isEqualTo(401);
        introspect.put("client_secret", "wrong");
        assertThat(http.form("/oauth/v3/token/introspect", introspect).statusCode()).isEqualTo(400);
    }

    @Test
    void theAccountSpecificAuthorizeUrlWorksForThisPortalOnly() throws Exception {
        URI url = URI.create(sandbox.baseUrl() + "/oauth/123456/authorize?client_id=" + HubSpotSandbox.CLIENT_ID
                + "&redirect_uri=" + HubSpotCall.encode(REDIRECT) + "&scope=" + HubSpotCall.encode(SCOPES)
                + "&state=st-42");
        URI callback = browser.logInAndConsent(url, "admin@acme.example", "sandbox", true);
        assertThat(HubSpotBrowser.parameter(callback, "code")).isNotBlank();
        HttpResponse<String> other = http.get("/oauth/999/authorize?client_id=" + HubSpotSandbox.CLIENT_ID, null);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void withTheAppsScopesPinnedTheInstallUrlMustMatchThem() throws Exception {
        assertThat(http.post("/__sandbox/hubspot/app-scopes", null, "{'required':['oauth','crm.objects.contacts.read',"
                + "'crm.objects.contacts.write'],'optional':['crm.schemas.contacts.write']}").statusCode()).isEqualTo(204);
        assertThat(code("admin@acme.example", SCOPES, "&optional_scope=crm.schemas.contacts.write")).isNotBlank();

        for (URI url : new URI[] {
                authorizeUrl(HubSpotSandbox.CLIENT_ID, REDIRECT, "oauth crm.objects.contacts.read", ""),
                authorizeUrl(HubSpotSandbox.CLIENT_ID, REDIRECT, SCOPES + " crm.schemas.contacts.write", ""),
                authorizeUrl(HubSpotSandbox.CLIENT_ID, REDIRECT, SCOPES, "&optional_scope=crm.objects.companies.read")}) {
            HttpResponse<String> page = http.get(url.toString().substring(sandbox.baseUrl().length()), null);
            assertThat(page.statusCode()).as(url.toString()).isEqualTo(400);
            assertThat(page.body()).contains("mismatch between the scopes");
        }
        assertThat(http.post("/__sandbox/hubspot/app-scopes", null, "{'required':['crm.objects.deals.read']}")
                .statusCode()).isEqualTo(400);
    }
}
