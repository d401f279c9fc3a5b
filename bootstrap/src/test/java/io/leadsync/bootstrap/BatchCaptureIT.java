package io.leadsync.bootstrap;

import io.micronaut.json.JsonMapper;
import io.micronaut.core.type.Argument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch capture (ADR 0102) through the whole running LeadSync with both sandbox CRMs connected and the background
 * push on: a batch's good leads reach each CRM once, its bad ones are named by their place and written nowhere; a
 * re-sent batch updates the same records; a retried request with its Idempotency-Key is answered again without
 * running twice; an all-or-none batch with one bad lead writes nothing.
 */
class BatchCaptureIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path home;

    private static ConnectedNode node;

    @BeforeAll
    static void start() throws Exception {
        node = ConnectedNode.start(home, Map.of());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void good_leads_reach_each_crm_once_bad_ones_are_named_by_place_and_a_resend_updates_the_same_records()
            throws Exception {
        String batch = "{\"leads\":[" + lead("batch-1", "one@batch.example", "Analytical Engines") + ","
                + lead("batch-2", "two@batch.example", "Analytical Engines") + ","
                + "{\"leadId\":\"batch-bad\",\"lastName\":\"Hopper\",\"workEmail\":\"not-an-email\"},"
                + "\"batch-4\","
                + lead("batch-3", "three@batch.example", "Analytical Engines") + "]}";

        HttpResponse<String> first = post(batch, "batch-key-1");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        Map<String, Object> answer = json(first.body());
        assertThat(answer).containsEntry("created", 3).containsEntry("refused", 2);
        List<Map<String, Object>> leads = list(answer.get("leads"));
        assertThat(leads).extracting(lead -> lead.get("outcome"))
                .containsExactly("CREATED", "CREATED", "REFUSED", "REFUSED", "CREATED");
        assertThat(list(leads.get(2).get("errors"))).extracting(error -> error.get("pointer"))
                .containsExactly("/leads/2/workEmail");
        assertThat(list(leads.get(3).get("errors"))).extracting(error -> error.get("pointer"))
                .containsExactly("/leads/3");
        assertThat(node.count("select count(*) from leads where lead_id = 'batch-bad'")).isZero();
        await(() -> node.inSalesforce("batch-1") == 1 && node.inSalesforce("batch-3") == 1
                && node.inHubSpot("batch-1") == 1 && node.inHubSpot("batch-3") == 1);
        String tracking = (String) leads.get(0).get("trackingId");
        await(() -> get("/api/v1/actions/" + tracking).split("\"status\":\"DELIVERED\"", -1).length - 1 == 2);

        HttpResponse<String> replayed = post(batch, "batch-key-1");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(replayed.body()).isEqualTo(first.body());

        long outboxBefore = node.count("select count(*) from outbox where lead_id like 'batch-%'");
        HttpResponse<String> resent = post(batch.replace("\"companyName\":\"Analytical Engines\"}",
                "\"companyName\":\"Difference Engines\"}"), "batch-key-2");
        assertThat(list(json(resent.body()).get("leads"))).extracting(lead -> lead.get("outcome"))
                .containsExactly("UPDATED", "UPDATED", "REFUSED", "REFUSED", "UPDATED");
        assertThat(node.count("select count(*) from outbox where lead_id like 'batch-%'"))
                .isEqualTo(outboxBefore + 3);
        await(() -> "Difference Engines".equals(node.salesforceLead("batch-2").get("Company"))
                && "Difference Engines".equals(node.hubspotContact("batch-2").get("company")));
        assertThat(node.inSalesforce("batch-2")).as("updated, not duplicated").isEqualTo(1);
        assertThat(node.inHubSpot("batch-2")).isEqualTo(1);
    }

    @Test
    void batches_racing_on_the_same_new_leads_create_each_lead_once_and_every_request_is_answered() throws Exception {
        List<String> leads = IntStream.range(0, 40).mapToObj(i -> lead("race-" + i, "race" + i + "@batch.example",
                "Acme")).toList();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<HttpResponse<String>>> answers = new java.util.ArrayList<>();
        for (int client = 0; client < 4; client++) {
            List<String> order = new java.util.ArrayList<>(leads);
            java.util.Collections.shuffle(order, new java.util.Random(client));
            answers.add(clients.submit(() -> post("{\"leads\":[" + String.join(",", order) + "]}", null)));
        }
        int created = 0;
        for (java.util.concurrent.Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            created += (Integer) json(response.body()).get("created");
            assertThat(json(response.body())).containsEntry("refused", 0);
        }
        clients.shutdown();

        assertThat(created).as("each lead created by exactly one of the batches").isEqualTo(40);
        assertThat(node.count("select count(*) from leads where lead_id like 'race-%'")).isEqualTo(40);
        assertThat(node.count("select count(*) from outbox where lead_id like 'race-%'")).isEqualTo(40);
    }

    @Test
    void an_all_or_none_batch_with_one_bad_lead_writes_nothing_and_names_it() throws Exception {
        String batch = "{\"allOrNone\":true,\"leads\":[" + lead("aon-1", "aon1@batch.example", "Acme") + ","
                + "{\"leadId\":\"aon-2\",\"workEmail\":\"aon2@batch.example\"}]}";

        HttpResponse<String> refused = post(batch, null);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(list(json(refused.body()).get("errors"))).extracting(error -> error.get("pointer"))
                .containsExactly("/leads/1/lastName");
        assertThat(node.count("select count(*) from leads where lead_id like 'aon-%'")).isZero();
        assertThat(node.count("select count(*) from outbox where lead_id like 'aon-%'")).isZero();
    }

    @Test
    void a_batch_over_the_limit_or_with_unknown_members_is_refused_whole() throws Exception {
        String tooMany = "{\"leads\":[" + IntStream.range(0, 101).mapToObj(i -> lead("many-" + i,
                "many" + i + "@batch.example", "Acme")).collect(Collectors.joining(",")) + "]}";

        HttpResponse<String> over = post(tooMany, null);
        HttpResponse<String> stray = post("{\"leads\":[" + lead("stray-1", "stray@batch.example", "Acme")
                + "],\"lastName\":\"Lovelace\"}", null);

        assertThat(over.statusCode()).isEqualTo(422);
        assertThat(over.body()).contains("/leads").contains("not 101");
        assertThat(stray.statusCode()).isEqualTo(422);
        assertThat(stray.body()).contains("\"pointer\":\"/lastName\"");
        assertThat(node.count("select count(*) from leads where lead_id like 'many-%' or lead_id like 'stray-%'"))
                .isZero();
    }

    private static String lead(String leadId, String email, String company) {
        return "{\"leadId\":\"" + leadId + "\",\"lastName\":\"Lovelace\",\"workEmail\":\"" + email
                + "\",\"companyName\":\"" + company + "\"}";
    }

    private static HttpResponse<String> post(String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.leadSync.url() + "/api/v1/leads/batch"))
                .header("Authorization", "Bearer " + node.key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String path) {
        try {
            return node.api.get(node.key, path).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> json(String body) throws Exception {
        return node.leadSync.context().getBean(JsonMapper.class).readValue(body,
                Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
