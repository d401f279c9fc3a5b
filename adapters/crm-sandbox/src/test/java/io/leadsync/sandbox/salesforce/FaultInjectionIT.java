package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultInjectionIT extends OrgFixture {

    private static final String EXT = "Ext__c";
    private static final String COLLECTION = V + "/composite/sobjects/Lead/" + EXT;

    @Override
    void prepare() {
        assertThat(http.send("POST", "/__sandbox/reset", null, null).statusCode()).isEqualTo(204);
        externalIdField("Lead", EXT, "Ext");
    }

    private HttpResponse<String> fault(String json) {
        return http.send("POST", "/__sandbox/salesforce/faults", null, json);
    }

    private HttpResponse<String> upsert(String ext) {
        return http.send("PATCH", COLLECTION, token, "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":"
                + "\"Lead\"},\"" + EXT + "\":\"" + ext + "\",\"LastName\":\"Doe\",\"Company\":\"Acme\"}]}");
    }

    @Test
    void a_lock_fault_on_a_collection_upsert_fails_each_record_inside_a_200_and_saves_nothing() {
        assertThat(fault("{\"path\":\"/services/data/v62.0/composite/sobjects\",\"method\":\"PATCH\","
                + "\"kind\":\"UNABLE_TO_LOCK_ROW\",\"times\":2}").statusCode()).isEqualTo(201);

        HttpResponse<String> first = upsert("L-1");
        HttpResponse<String> second = upsert("L-1");
        HttpResponse<String> third = upsert("L-1");

        JsonNode locked = tree("[{'success':false,'errors':[{'statusCode':'UNABLE_TO_LOCK_ROW',"
                + "'message':'unable to obtain exclusive access to this record','fields':[]}]}]");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first)).isEqualTo(locked);
        assertThat(json(second)).isEqualTo(locked);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(json(third).get(0).get("created").asBoolean()).isTrue();
        assertThat(sandbox.records("Lead")).hasSize(1);
        assertThat(sandbox.callCounts())
                .containsEntry("PATCH /services/data/vXX.X/composite/sobjects/Lead/{externalIdField}", 3L);
    }

    @Test
    void a_lock_fault_on_a_single_record_is_a_400_error_array() {
        String id = json(http.send("POST", V + "/sobjects/Lead", token, "{\"LastName\":\"Doe\",\"Company\":\"A\"}"))
                .get("id").asText();
        sandbox.injectFault("PATCH", V + "/sobjects/Lead/", "UNABLE_TO_LOCK_ROW", 1);

        HttpResponse<String> locked = http.send("PATCH", V + "/sobjects/Lead/" + id, token, "{\"Company\":\"B\"}");
        HttpResponse<String> retried = http.send("PATCH", V + "/sobjects/Lead/" + id, token, "{\"Company\":\"B\"}");

        assertThat(locked.statusCode()).isEqualTo(400);
        assertThat(json(locked)).isEqualTo(tree("[{'message':'unable to obtain exclusive access to this record',"
                + "'errorCode':'UNABLE_TO_LOCK_ROW','fields':[]}]"));
        assertThat(retried.statusCode()).isEqualTo(204);
        assertThat(sandbox.records("Lead").get(0)).containsEntry("Company", "B");
    }

    @Test
    void an_invalid_session_fault_is_the_digest_401_and_the_token_still_works_afterwards() {
        fault("{\"path\":\"any\",\"kind\":\"401\",\"times\":1}");

        HttpResponse<String> faulted = http.get(V + "/limits", token);

        assertThat(faulted.statusCode()).isEqualTo(401);
        assertThat(json(faulted)).isEqualTo(tree("[{'message':'Session expired or invalid',"
                + "'errorCode':'INVALID_SESSION_ID'}]"));
        assertThat(http.get(V + "/limits", token).statusCode()).isEqualTo(200);
    }

    @Test
    void a_request_limit_fault_is_the_digest_403_with_the_usage_header() {
        fault("{\"path\":\"/services/data/\",\"kind\":\"REQUEST_LIMIT_EXCEEDED\",\"times\":1}");

        HttpResponse<String> faulted = http.get(V + "/limits", token);

        assertThat(faulted.statusCode()).isEqualTo(403);
        assertThat(json(faulted)).isEqualTo(tree("[{'message':'TotalRequests Limit exceeded.',"
                + "'errorCode':'REQUEST_LIMIT_EXCEEDED'}]"));
        assertThat(faulted.headers().firstValue("Sforce-Limit-Info")).hasValueSatisfying(
                v -> assertThat(v).startsWith("api-usage="));
    }

    @Test
    void server_errors_500_and_503_carry_their_error_codes() {
        fault("{\"path\":\"any\",\"kind\":\"500\",\"times\":1}");
        fault("{\"path\":\"any\",\"kind\":\"SERVER_UNAVAILABLE\",\"times\":1}");

        HttpResponse<String> first = http.get(V + "/limits", token);
        HttpResponse<String> second = http.get(V + "/limits", token);

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(json(first).get(0).get("errorCode").asText()).isEqualTo("UNKNOWN_EXCEPTION");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(json(second).get(0).get("errorCode").asText()).isEqualTo("SERVER_UNAVAILABLE");
        assertThat(http.get(V + "/limits", token).statusCode()).isEqualTo(200);
    }

    @Test
    void a_fault_without_times_hits_every_call_until_cleared_and_only_its_method() {
        fault("{\"path\":\"/services/data/v62.0/sobjects/Lead\",\"method\":\"POST\",\"kind\":\"503\"}");

        assertThat(http.send("POST", V + "/sobjects/Lead", token, "{\"LastName\":\"D\",\"Company\":\"A\"}")
                .statusCode()).isEqualTo(503);
        assertThat(http.send("POST", V + "/sobjects/Lead", token, "{\"LastName\":\"D\",\"Company\":\"A\"}")
                .statusCode()).isEqualTo(503);
        assertThat(http.get(V + "/sobjects/Lead/describe", token).statusCode()).isEqualTo(200);
        assertThat(json(http.get("/__sandbox/salesforce/faults", null))).isEqualTo(tree("[{'id':"
                + json(http.get("/__sandbox/salesforce/faults", null)).get(0).get("id") + ",'method':'POST',"
                + "'path':'/services/data/v62.0/sobjects/Lead','kind':'SERVER_UNAVAILABLE','status':503,"
                + "'times':null}]"));

        assertThat(http.send("DELETE", "/__sandbox/salesforce/faults", null, null).statusCode()).isEqualTo(204);

        assertThat(http.send("POST", V + "/sobjects/Lead", token, "{\"LastName\":\"D\",\"Company\":\"A\"}")
                .statusCode()).isEqualTo(201);
        assertThat(sandbox.callCounts()).containsEntry("POST /services/data/vXX.X/sobjects/Lead", 3L);
    }

    @Test
    void a_timeout_holds_the_connection_then_closes_it_without_an_answer() {
        // A POST, because java.net.http silently retries a GET once when the connection drops.
        fault("{\"path\":\"/services/data/v62.0/sobjects/Lead\",\"kind\":\"TIMEOUT\",\"holdMillis\":300,"
                + "\"times\":1}");

        long started = System.nanoTime();
        assertThatThrownBy(() -> http.send("POST", V + "/sobjects/Lead", token,
                "{\"LastName\":\"Doe\",\"Company\":\"A\"}")).isInstanceOf(UncheckedIOException.class);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
        assertThat(sandbox.records("Lead")).isEmpty();
        assertThat(http.send("POST", V + "/sobjects/Lead", token, "{\"LastName\":\"Doe\",\"Company\":\"A\"}")
                .statusCode()).isEqualTo(201);
        assertThat(sandbox.callCounts()).containsEntry("POST /services/data/vXX.X/sobjects/Lead", 2L);
    }

    @Test
    void latency_slows_matching_calls_only() {
        assertThat(http.send("POST", "/__sandbox/salesforce/latency", null,
                "{\"millis\":3000,\"path\":\"/services/data/v62.0/limits\"}").statusCode()).isEqualTo(200);

        long started = System.nanoTime();
        assertThat(http.get(V + "/limits", token).statusCode()).isEqualTo(200);
        long slow = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        assertThat(http.get(V + "/sobjects/Lead/describe", token).statusCode()).isEqualTo(200);
        long fast = (System.nanoTime() - started) / 1_000_000;

        // The injected delay is a floor the matching call cannot beat; the margin for the other call is wide
        // because a loaded 2-core machine took over a second for an undelayed describe.
        assertThat(slow).isGreaterThanOrEqualTo(3000);
        assertThat(fast).isLessThan(3000);
    }

    @Test
    void a_latency_without_a_path_slows_every_call() {
        assertThat(http.send("POST", "/__sandbox/salesforce/latency", null, "{\"millis\":200}").statusCode())
                .isEqualTo(200);

        long started = System.nanoTime();
        assertThat(http.get(V + "/sobjects/Lead/describe", token).statusCode()).isEqualTo(200);
        long elapsed = (System.nanoTime() - started) / 1_000_000;

        assertThat(elapsed).isGreaterThanOrEqualTo(200);
        assertThat(json(http.get("/__sandbox/salesforce/faults", null)).get(0).get("path").asText()).isEqualTo("any");
        http.send("POST", "/__sandbox/salesforce/latency", null, "{\"millis\":0}");
        assertThat(sandbox.faults().rules()).isEmpty();
    }

    @Test
    void reset_clears_faults_and_latency() {
        sandbox.latency(Duration.ofSeconds(5));
        sandbox.injectFault(null, "any", "500", 5);

        http.send("POST", "/__sandbox/reset", null, null);

        assertThat(sandbox.faults().rules()).isEmpty();
        assertThat(http.get(V + "/limits", http.adminToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void the_control_api_itself_is_never_faulted() {
        sandbox.injectFault(null, "any", "503", 5);

        assertThat(http.get("/__sandbox/salesforce/calls", null).statusCode()).isEqualTo(200);
    }

    @Test
    void malformed_fault_requests_are_control_errors() {
        HttpResponse<String> unknown = fault("{\"path\":\"any\",\"kind\":\"TEAPOT\"}");
        HttpResponse<String> noPath = fault("{\"kind\":\"500\"}");
        HttpResponse<String> zeroTimes = fault("{\"path\":\"any\",\"kind\":\"500\",\"times\":0}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").asText()).contains("TEAPOT");
        assertThat(noPath.statusCode()).isEqualTo(400);
        assertThat(zeroTimes.statusCode()).isEqualTo(400);
        assertThat(sandbox.faults().rules()).isEmpty();
    }
}
