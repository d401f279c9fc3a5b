package io.leadsync.sandbox.hubspot;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.CONTACTS;
import static io.leadsync.sandbox.hubspot.HubSpotHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubSpotControlApiIT {

    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-10T12:00:00Z"));
    private static HubSpotSandbox sandbox;
    private static HubSpotHttp http;

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
        assertThat(http.post("/__sandbox/reset", null, null).statusCode()).isEqualTo(204);
    }

    @Test
    void resetBringsBackTheSeededPortal() {
        String token = http.token("admin@acme.example");
        http.post(CONTACTS, token, "{'properties':{'email':'a@b.example'}}");
        http.post("/crm/v3/properties/contacts", token, "{'name':'x','label':'X','type':'string','fieldType':'text',"
                + "'groupName':'contactinformation'}");
        assertThat(http.post("/__sandbox/hubspot/reset", null, null).statusCode()).isEqualTo(204);

        assertThat(http.get(CONTACTS, token).statusCode()).isEqualTo(401);
        String fresh = http.token("admin@acme.example");
        assertThat(json(http.get(CONTACTS, fresh)).get("results")).isEmpty();
        assertThat(http.get("/crm/v3/properties/contacts/x", fresh).statusCode()).isEqualTo(404);
        assertThat(sandbox.callCounts()).containsOnlyKeys("GET /crm/v3/objects/contacts",
                "GET /crm/v3/properties/contacts/{propertyName}");
    }

    @Test
    void mintedTokensLookLikeTheTokenEndpointsAndUnknownUsersAre400() {
        JsonNode tokens = json(http.post("/__sandbox/hubspot/tokens", null, "{'username':'rep@acme.example'}"));
        assertThat(tokens.get("token_type").asText()).isEqualTo("bearer");
        assertThat(tokens.get("expires_in").asInt()).isEqualTo(1800);
        assertThat(tokens.has("refresh_token")).isTrue();
        assertThat(json(http.get("/oauth/v1/access-tokens/" + tokens.get("access_token").asText(), null))
                .get("user").asText()).isEqualTo("rep@acme.example");
        assertThat(sandbox.tokensFor("admin@acme.example")).containsKeys("access_token", "refresh_token");

        HttpResponse<String> unknown = http.post("/__sandbox/hubspot/tokens", null, "{'username':'eve@acme.example'}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").asText()).contains("eve@acme.example");
    }

    @Test
    void recordsListEverythingAndARepEditMovesLastModifiedDate() {
        String token = http.token("admin@acme.example");
        String id = json(http.post(CONTACTS, token, "{'properties':{'email':'a@b.example'}}")).get("id").asText();
        String gone = json(http.post(CONTACTS, token, "{'properties':{'email':'c@b.example'}}")).get("id").asText();
        http.send("DELETE", CONTACTS + "/" + gone, token, null);

        JsonNode records = json(http.get("/__sandbox/hubspot/records/contacts", null));
        assertThat(records.get("total").asInt()).isEqualTo(2);
        assertThat(records.get("results")).extracting(r -> r.get("archived").asBoolean()).containsExactly(false, true);
        assertThat(sandbox.records("contacts")).hasSize(2);

        CLOCK.advance(Duration.ofMinutes(1));
        HttpResponse<String> edited = http.patch("/__sandbox/hubspot/records/contacts/" + id, null,
                "{'properties':{'jobtitle':'Head of Sales'}}");
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(json(edited).at("/properties/lastmodifieddate").asText())
                .isEqualTo(HubSpotTime.format(CLOCK.instant()));
        assertThat(json(http.get(CONTACTS + "/" + id + "?properties=jobtitle", token)).at("/properties/jobtitle")
                .asText()).isEqualTo("Head of Sales");

        HttpResponse<String> invalid = http.patch("/__sandbox/hubspot/records/contacts/" + id, null,
                "{'properties':{'email':'nope'}}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).get("category").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.patch("/__sandbox/hubspot/records/contacts/999999", null, "{'properties':{}}").statusCode())
                .isEqualTo(404);
        assertThatThrownBy(() -> sandbox.editAsRep("contacts", id, Map.of("email", "nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INVALID_EMAIL");
    }

    @Test
    void tokenLifetimeLimitsAndSearchLagAreSettable() {
        assertThat(http.post("/__sandbox/hubspot/token-lifetime", null, "{'seconds':5}").statusCode()).isEqualTo(204);
        String token = http.token("admin@acme.example");
        CLOCK.advance(Duration.ofSeconds(5));
        assertThat(json(http.get(CONTACTS, token)).get("category").asText()).isEqualTo("EXPIRED_AUTHENTICATION");
        assertThat(http.post("/__sandbox/hubspot/token-lifetime", null, "{'seconds':-1}").statusCode()).isEqualTo(400);

        http.post("/__sandbox/hubspot/token-lifetime", null, "{'seconds':3600}");
        token = http.token("admin@acme.example");
        JsonNode limits = json(http.post("/__sandbox/hubspot/limits", null, "{'tenSecondly':50,'daily':900}"));
        assertThat(limits.get("tenSecondly").asInt()).isEqualTo(50);
        assertThat(http.get(CONTACTS, token).headers().firstValue("X-HubSpot-RateLimit-Max")).hasValue("50");

        assertThat(http.post("/__sandbox/hubspot/search-lag", null, "{'millis':0}").statusCode()).isEqualTo(204);
        http.post(CONTACTS, token, "{'properties':{'email':'a@b.example'}}");
        assertThat(json(http.post(CONTACTS + "/search", token, "{}")).get("total").asInt()).isEqualTo(1);
        assertThat(http.post("/__sandbox/hubspot/search-lag", null, "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void refreshTokenRotationCanBeSwitchedOn() {
        Map<String, Object> tokens = sandbox.tokensFor("admin@acme.example");
        assertThat(http.post("/__sandbox/hubspot/refresh-token-rotation", null, "{'enabled':true}").statusCode())
                .isEqualTo(204);
        Map<String, String> form = Map.of("grant_type", "refresh_token", "client_id", HubSpotSandbox.CLIENT_ID,
                "client_secret", HubSpotSandbox.CLIENT_SECRET, "refresh_token", (String) tokens.get("refresh_token"));
        JsonNode refreshed = json(http.form("/oauth/v1/token", form));
        assertThat(refreshed.get("refresh_token").asText()).isNotEqualTo(tokens.get("refresh_token"));
        assertThat(http.form("/oauth/v1/token", form).statusCode()).isEqualTo(400);
    }

    @Test
    void callsAreCountedPerEndpointTemplateAndControlCallsAreNot() {
        String token = http.token("admin@acme.example");
        String id = json(http.post(CONTACTS, token, "{'properties':{'email':'a@b.example'}}")).get("id").asText();
        http.patch(CONTACTS + "/" + id, token, "{'properties':{'firstname':'A'}}");
        http.patch(CONTACTS + "/" + id, token, "{'properties':{'firstname':'B'}}");
        http.post(CONTACTS + "/batch/read", token, "{'inputs':[{'id':'" + id + "'}]}");
        http.post(CONTACTS + "/search", token, "{}");

        JsonNode calls = json(http.get("/__sandbox/hubspot/calls", null));
        assertThat(calls.get("POST /crm/v3/objects/contacts").asLong()).isEqualTo(1);
        assertThat(calls.get("PATCH /crm/v3/objects/contacts/{id}").asLong()).isEqualTo(2);
        assertThat(calls.get("POST /crm/v3/objects/contacts/batch/read").asLong()).isEqualTo(1);
        assertThat(calls.get("POST /crm/v3/objects/contacts/search").asLong()).isEqualTo(1);
        assertThat(calls.fieldNames()).toIterable().noneMatch(name -> name.contains("__sandbox"));
        assertThat(http.get("/__sandbox/hubspot/nothing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRepCanCreateAndDeleteRecordsWithoutApiCalls() {
        HttpResponse<String> created = http.post("/__sandbox/hubspot/records/contacts", null,
                "{'properties':{'email':'Walk.In@acme.example','firstname':'Walk'}}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).get("id").asText();
        assertThat(json(created).at("/properties/email").asText()).isEqualTo("walk.in@acme.example");
        assertThat(http.post("/__sandbox/hubspot/records/contacts", null, "{'properties':{'email':'walk.in@acme.example'}}")
                .statusCode()).isEqualTo(409);
        Map<String, Object> company = sandbox.createAsRep("companies", Map.of("name", "Walk-in Inc"));
        assertThat(company.get("id")).isNotNull();

        assertThat(http.send("DELETE", "/__sandbox/hubspot/records/contacts/" + id, null, null).statusCode())
                .isEqualTo(204);
        assertThat(http.send("DELETE", "/__sandbox/hubspot/records/contacts/" + id, null, null).statusCode())
                .isEqualTo(404);
        assertThat(sandbox.records("contacts")).singleElement().satisfies(r -> assertThat(r.get("archived")).isEqualTo(true));
        assertThat(sandbox.callCounts()).isEmpty();
    }
}
