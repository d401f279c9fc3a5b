package io.leadsync.sandbox.hubspot;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.CONTACTS;
import static io.leadsync.sandbox.hubspot.HubSpotHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubSpotLimitsIT {

    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-03-11T03:59:50Z"));
    private static HubSpotSandbox sandbox;
    private static HubSpotHttp http;
    private String token;

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
        token = http.token("admin@acme.example");
    }

    @Test
    void everyCrmAnswerCarriesTheTenSecondWindowHeaders() {
        HttpResponse<String> first = http.get(CONTACTS, token);
        assertThat(first.headers().firstValue("X-HubSpot-RateLimit-Interval-Milliseconds")).hasValue("10000");
        assertThat(first.headers().firstValue("X-HubSpot-RateLimit-Max")).hasValue("110");
        assertThat(first.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("109");
        assertThat(first.headers().firstValue("X-HubSpot-RateLimit-Daily")).isEmpty();
        HttpResponse<String> notFound = http.get(CONTACTS + "/12345", token);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("108");

        sandbox.limits(null, 1000, null, true);
        HttpResponse<String> privateApp = http.get(CONTACTS, token);
        assertThat(privateApp.headers().firstValue("X-HubSpot-RateLimit-Daily")).hasValue("1000");
        assertThat(privateApp.headers().firstValue("X-HubSpot-RateLimit-Daily-Remaining")).hasValue("997");
    }

    @Test
    void theTenSecondWindowRollsAndAnswers429WithThePolicyName() {
        http.post("/__sandbox/hubspot/limits", null, "{'tenSecondly':3}");
        for (int i = 0; i < 3; i++) {
            assertThat(http.get(CONTACTS, token).statusCode()).isEqualTo(200);
            CLOCK.advance(Duration.ofSeconds(1));
        }
        HttpResponse<String> limited = http.get(CONTACTS, token);
        assertThat(limited.statusCode()).isEqualTo(429);
        JsonNode body = json(limited);
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("errorType").asText()).isEqualTo("RATE_LIMIT");
        assertThat(body.get("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
        assertThat(body.get("correlationId").asText()).isNotBlank();
        assertThat(limited.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("0");

        CLOCK.advance(Duration.ofSeconds(7));
        assertThat(http.get(CONTACTS, token).statusCode()).isEqualTo(200);
        assertThat(http.get(CONTACTS, token).statusCode()).isEqualTo(429);
    }

    @Test
    void theDailyLimitAnswers429UntilMidnightInThePortalsTimeZone() {
        sandbox.accessTokenLifetime(Duration.ofDays(2));
        http.post("/__sandbox/hubspot/limits", null, "{'daily':2}");
        assertThat(http.get(CONTACTS, token).statusCode()).isEqualTo(200);
        assertThat(http.get(CONTACTS, token).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = http.get(CONTACTS, token);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("policyName").asText()).isEqualTo("DAILY");
        assertThat(json(limited).get("message").asText()).isEqualTo("You have reached your daily limit.");

        java.time.ZonedDateTime newYork = CLOCK.instant().atZone(java.time.ZoneId.of("America/New_York"));
        Instant midnight = newYork.toLocalDate().plusDays(1).atStartOfDay(newYork.getZone()).toInstant();
        CLOCK.advance(Duration.between(CLOCK.instant(), midnight).minusSeconds(1));
        assertThat(http.get(CONTACTS, token).statusCode()).isEqualTo(429);
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(http.get(CONTACTS, token).statusCode()).isEqualTo(200);
    }

    @Test
    void callsWithoutAValidTokenCountAgainstNothing() {
        sandbox.limits(1, null, null, null);
        assertThat(http.get(CONTACTS, "bogus").statusCode()).isEqualTo(401);
        assertThat(http.get(CONTACTS, token).statusCode()).isEqualTo(200);
    }

    @Test
    void limitsAreReadableAndRejectNegativeValues() {
        JsonNode limits = json(http.get("/__sandbox/hubspot/limits", null));
        assertThat(limits.get("tenSecondly").asInt()).isEqualTo(110);
        assertThat(limits.get("searchPerSecond").asInt()).isEqualTo(5);
        assertThat(http.post("/__sandbox/hubspot/limits", null, "{'daily':-1}").statusCode()).isEqualTo(400);
    }
}
