package io.leadsync.sandbox.hubspot;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.CONTACTS;
import static io.leadsync.sandbox.hubspot.HubSpotHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The date-versioned OAuth API that replaces v1 on 16 February 2027 (HUBSPOT.md section 9): both grants, introspect
 * and revoke as form posts, RFC 6749 errors with HubSpot's older fields beside them, and the v1 API switched off.
 */
class HubSpotDatedOAuthIT {

    private static final String REDIRECT = "http://localhost:8080/oauth/hubspot/callback";
    private static final String TOKEN = "/oauth/2026-03/token";
    private static HubSpotSandbox sandbox;
    private static HubSpotHttp http;
    private final HubSpotBrowser browser = new HubSpotBrowser();

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(0);
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

    private String code() throws Exception {
        URI url = URI.create(sandbox.baseUrl() + "/oauth/authorize?client_id=" + HubSpotSandbox.CLIENT_ID
                + "&redirect_uri=" + HubSpotCall.encode(REDIRECT) + "&scope="
                + HubSpotCall.encode("oauth crm.objects.contacts.read crm.objects.contacts.write") + "&state=s");
        return HubSpotBrowser.parameter(browser.logInAndConsent(url, "admin@acme.example", "sandbox", true), "code");
    }

    private static Map<String, String> client() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", HubSpotSandbox.CLIENT_ID);
        form.put("client_secret", HubSpotSandbox.CLIENT_SECRET);
        return form;
    }

    private static Map<String, String> exchange(String code) {
        Map<String, String> form = client();
        form.put("grant_type", "authorization_code");
        form.put("redirect_uri", REDIRECT);
        form.put("code", code);
        return form;
    }

    @Test
    void bothGrantsIntrospectionAndRevocationWorkWithV1SwitchedOff() throws Exception {
        sandbox.oauthV1(false);
        HttpResponse<String> issued = http.form(TOKEN, exchange(code()));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        JsonNode tokens = json(issued);
        assertThat(tokens.get("token_type").asText()).isEqualTo("bearer");
        assertThat(tokens.get("expires_in").asInt()).isEqualTo(1800);
        assertThat(tokens.get("hub_id").asLong()).isEqualTo(HubSpotSandbox.HUB_ID);

        Map<String, String> refresh = client();
        refresh.put("grant_type", "refresh_token");
        refresh.put("refresh_token", tokens.get("refresh_token").asText());
        JsonNode refreshed = json(http.form(TOKEN, refresh));
        String access = refreshed.get("access_token").asText();
        assertThat(access).isNotEqualTo(tokens.get("access_token").asText());
        assertThat(http.get(CONTACTS, access).statusCode()).isEqualTo(200);

        Map<String, String> introspect = client();
        introspect.put("token", access);
        introspect.put("token_type_hint", "access_token");
        JsonNode info = json(http.form(TOKEN + "/introspect", introspect));
        assertThat(info.get("active").asBoolean()).isTrue();
        assertThat(info.get("user").asText()).isEqualTo("admin@acme.example");
        assertThat(info.get("hub_id").asLong()).isEqualTo(HubSpotSandbox.HUB_ID);
        assertThat(info.get("hub_domain").asText()).isEqualTo("acme-hubspot.hubspot.com");
        assertThat(info.get("scopes").toString()).contains("crm.objects.contacts.write");
        assertThat(info.get("expires_in").asInt()).isPositive();

        Map<String, String> revokeRefresh = client();
        revokeRefresh.put("token", tokens.get("refresh_token").asText());
        revokeRefresh.put("token_type_hint", "refresh_token");
        assertThat(http.form(TOKEN + "/revoke", revokeRefresh).statusCode()).isEqualTo(200);
        assertThat(http.form(TOKEN + "/revoke", introspect).statusCode()).isEqualTo(200);
        assertThat(json(http.form(TOKEN + "/introspect", introspect)).get("active").asBoolean()).isFalse();
        assertThat(http.get(CONTACTS, access).statusCode()).isEqualTo(401);
        HttpResponse<String> again = http.form(TOKEN, refresh);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(sandbox.callCounts()).doesNotContainKeys("POST /oauth/v1/token");
    }

    @Test
    void errorsFollowRfc6749WithHubSpotsOlderFieldsBesideThem() throws Exception {
        Map<String, String> reused = exchange("not-a-code");
        JsonNode badCode = json(http.form(TOKEN, reused));
        assertThat(badCode.get("error").asText()).isEqualTo("invalid_grant");
        assertThat(badCode.get("error_description").asText()).isNotBlank();
        assertThat(badCode.get("status").asText()).isEqualTo("BAD_AUTH_CODE");
        assertThat(badCode.get("message").asText()).isEqualTo(badCode.get("error_description").asText());

        Map<String, String> wrongSecret = exchange(code());
        wrongSecret.put("client_secret", "wrong");
        assertThat(json(http.form(TOKEN, wrongSecret)).get("error").asText()).isEqualTo("invalid_client");

        Map<String, String> password = client();
        password.put("grant_type", "password");
        HttpResponse<String> unsupported = http.form(TOKEN, password);
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(json(unsupported).get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void credentialsInTheUrlOrAJsonBodyAreRefused() throws Exception {
        HttpResponse<String> inUrl = http.form(TOKEN + "?client_secret=" + HubSpotSandbox.CLIENT_SECRET,
                exchange(code()));
        assertThat(inUrl.statusCode()).isEqualTo(400);
        assertThat(json(inUrl).get("error").asText()).isEqualTo("invalid_request");
        assertThat(json(inUrl).get("error_description").asText()).contains("client_secret");

        HttpResponse<String> asJson = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl() + TOKEN)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"refresh_token\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asJson.statusCode()).isEqualTo(400);
        assertThat(json(asJson).get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void afterTheSwitchOffV1AnswersNotFoundAndTheControlApiTurnsItBackOn() throws Exception {
        Map<String, String> form = exchange(code());
        assertThat(http.post("/__sandbox/hubspot/oauth-v1", null, "{'enabled':false}").statusCode()).isEqualTo(204);
        HttpResponse<String> v1 = http.form("/oauth/v1/token", form);
        assertThat(v1.statusCode()).isEqualTo(404);
        assertThat(json(v1).get("message").asText()).contains("/oauth/2026-03/token");
        String access = (String) sandbox.tokensFor("admin@acme.example").get("access_token");
        assertThat(http.get("/oauth/v1/access-tokens/" + access, null).statusCode()).isEqualTo(404);

        assertThat(http.post("/__sandbox/hubspot/oauth-v1", null, "{'enabled':true}").statusCode()).isEqualTo(204);
        assertThat(http.form("/oauth/v1/token", form).statusCode()).isEqualTo(200);
        assertThat(http.post("/__sandbox/hubspot/oauth-v1", null, "{'enabled':'no'}").statusCode()).isEqualTo(400);
    }

    @Test
    void accountDetailsCarryOnlyTheirDocumentedFields() {
        String access = (String) sandbox.tokensFor("admin@acme.example").get("access_token");
        JsonNode details = json(http.get("/account-info/v3/details", access));
        assertThat(details.get("portalId").asLong()).isEqualTo(HubSpotSandbox.HUB_ID);
        assertThat(details.get("uiDomain").asText()).isEqualTo("app.hubspot.com");
        assertThat(details.has("timeZone")).isTrue();
        assertThat(details.has("companyCurrency")).isTrue();
        assertThat(details.has("dataHostingLocation")).isTrue();
        assertThat(details.has("portalName")).isFalse();
        assertThat(json(http.get("/account-info/2026-03/details", access))).isEqualTo(details);
    }
}
