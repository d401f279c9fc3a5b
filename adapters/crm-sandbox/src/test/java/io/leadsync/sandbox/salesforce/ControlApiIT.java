package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlApiIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0, CLOCK);
        http = new SandboxHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        assertThat(http.send("POST", "/__sandbox/reset", null, null).statusCode()).isEqualTo(204);
    }

    @Test
    void a_rep_edit_bumps_the_stamps_and_names_the_rep_as_last_modifier() {
        String token = http.adminToken();
        String id = json(http.send("POST", V + "/sobjects/Lead", token, "{\"LastName\":\"Doe\",\"Company\":\"A\"}"))
                .get("id").asText();
        CLOCK.advance(Duration.ofHours(1));

        HttpResponse<String> edit = http.send("PATCH", "/__sandbox/salesforce/records/Lead/" + id, null,
                "{\"Status\":\"Working - Contacted\"}");

        assertThat(edit.statusCode()).isEqualTo(200);
        JsonNode lead = json(http.get("/__sandbox/salesforce/records/Lead", null)).get("records").get(0);
        assertThat(lead.get("Status").asText()).isEqualTo("Working - Contacted");
        assertThat(lead.get("LastModifiedDate").asText()).isEqualTo("2026-01-05T10:00:00.000+0000");
        assertThat(lead.get("SystemModstamp").asText()).isEqualTo("2026-01-05T10:00:00.000+0000");
        assertThat(lead.get("LastModifiedById").asText()).isNotEqualTo(lead.get("CreatedById").asText());
    }

    @Test
    void a_rep_edit_is_validated_like_any_other() {
        String id = json(http.send("POST", V + "/sobjects/Lead", http.adminToken(),
                "{\"LastName\":\"Doe\",\"Company\":\"A\"}")).get("id").asText();

        HttpResponse<String> edit = http.send("PATCH", "/__sandbox/salesforce/records/Lead/" + id, null,
                "{\"Email\":\"not-an-email\"}");

        assertThat(edit.statusCode()).isEqualTo(400);
        assertThat(json(edit).get(0).get("errorCode").asText()).isEqualTo("INVALID_EMAIL_ADDRESS");
    }

    @Test
    void calls_are_counted_per_endpoint_and_reset_clears_them() {
        String token = http.adminToken();
        http.get(V + "/limits", token);
        http.get(V + "/limits", token);
        http.get(V + "/sobjects/Lead/00QDn0000000009AAA", token);

        JsonNode calls = json(http.get("/__sandbox/salesforce/calls", null));

        assertThat(calls.get("GET /services/data/vXX.X/limits").asInt()).isEqualTo(2);
        assertThat(calls.get("GET /services/data/vXX.X/sobjects/Lead/{id}").asInt()).isEqualTo(1);
        http.send("POST", "/__sandbox/reset", null, null);
        assertThat(json(http.get("/__sandbox/salesforce/calls", null)).size()).isZero();
    }

    @Test
    void minting_a_token_for_an_unknown_user_is_a_control_error() {
        HttpResponse<String> response = http.send("POST", "/__sandbox/salesforce/tokens", null,
                "{\"username\":\"nobody@acme.example\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("nobody@acme.example");
    }

    @Test
    void a_token_lifetime_of_zero_expires_tokens_already_issued() {
        String token = http.adminToken();

        http.send("POST", "/__sandbox/salesforce/token-lifetime", null, "{\"seconds\":0}");

        assertThat(http.get(V + "/limits", token).statusCode()).isEqualTo(401);
    }
}
