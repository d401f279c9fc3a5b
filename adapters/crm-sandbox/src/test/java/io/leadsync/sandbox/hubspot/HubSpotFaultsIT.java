package io.leadsync.sandbox.hubspot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.CONTACTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults and latency injected through the control API answer in HubSpot's own shapes, then go away. */
class HubSpotFaultsIT {
    private static HubSpotSandbox sandbox;
    private static HubSpotHttp http;
    private String token;

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
        token = http.token("admin@acme.example");
    }

    @Test
    void a_fault_for_the_next_two_calls_answers_hubspots_error_twice_then_the_real_thing() {
        HttpResponse<String> injected = http.post("/__sandbox/hubspot/faults", null,
                "{'path':'/crm/v3/objects/contacts','method':'GET','kind':'503','times':2}");
        assertThat(injected.statusCode()).as(injected.body()).isEqualTo(200);

        HttpResponse<String> first = http.get(CONTACTS, token);
        HttpResponse<String> second = http.get(CONTACTS, token);
        HttpResponse<String> third = http.get(CONTACTS, token);

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.body()).contains("\"status\":\"error\"").contains("\"category\":\"SERVICE_UNAVAILABLE\"")
                .contains("\"correlationId\"");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(200);
    }

    @Test
    void a_rate_limit_fault_has_the_429_body_with_its_policy_and_an_expired_token_fault_its_category() {
        sandbox.injectFault(null, "any", "TEN_SECONDLY_ROLLING", 1);
        sandbox.injectFault("POST", "/crm/v3/objects/contacts/batch", "EXPIRED_AUTHENTICATION", 1);

        HttpResponse<String> limited = http.get(CONTACTS, token);
        HttpResponse<String> expired = http.post(CONTACTS + "/batch/read", token, "{'inputs':[]}");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("\"errorType\":\"RATE_LIMIT\"").contains("\"policyName\":\"TEN_SECONDLY_ROLLING\"");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("\"category\":\"EXPIRED_AUTHENTICATION\"");
    }

    @Test
    void a_timeout_closes_the_call_unanswered_and_the_control_api_is_never_faulted() {
        // A POST: the JDK client quietly repeats a GET whose connection dropped, which would hide the fault.
        sandbox.faults().inject("POST", CONTACTS, io.leadsync.sandbox.faults.Fault.timeout(Duration.ofMillis(200)), 1);

        assertThatThrownBy(() -> java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sandbox.baseUrl() + CONTACTS)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"properties\":{\"email\":\"t@x.example\"}}"))
                        .build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
        assertThat(http.get("/__sandbox/hubspot/faults", null).statusCode()).isEqualTo(200);
        assertThat(http.get(CONTACTS, token).statusCode()).isEqualTo(200);
    }

    @Test
    void latency_delays_every_call_and_delete_clears_it() {
        http.post("/__sandbox/hubspot/latency", null, "{'millis':300}");
        long started = System.nanoTime();
        http.get(CONTACTS, token);
        long slow = Duration.ofNanos(System.nanoTime() - started).toMillis();
        http.send("DELETE", "/__sandbox/hubspot/faults", null, null);

        assertThat(slow).isGreaterThanOrEqualTo(300);
        assertThat(http.get("/__sandbox/hubspot/faults", null).body()).isEqualTo("[]");
    }

    @Test
    void an_unknown_kind_is_refused_by_name() {
        HttpResponse<String> refused = http.post("/__sandbox/hubspot/faults", null, "{'path':'any','kind':'TEAPOT'}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("TEAPOT");
    }
}
