package io.leadsync.bootstrap;

import io.leadsync.sandbox.hubspot.HubSpotBrowser;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
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

    private static SalesforceSandbox salesforce;
    private static HubSpotSandbox hubspot;
    private static RunningLeadSync leadSync;
    private static AdminApi api;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        salesforce = SalesforceSandbox.start(0);
        hubspot = HubSpotSandbox.start(0);
        leadSync = RunningLeadSync.start(home, Map.ofEntries(
                Map.entry("leadsync.first-start.enabled", false),
                Map.entry("leadsync.sync.worker.enabled", true),
                Map.entry("leadsync.sync.worker.interval", "200ms"),
                Map.entry("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID),
                Map.entry("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET),
                Map.entry("leadsync.salesforce.login-url", salesforce.baseUrl()),
                Map.entry("leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback"),
                Map.entry("leadsync.hubspot.client-id", HubSpotSandbox.CLIENT_ID),
                Map.entry("leadsync.hubspot.client-secret", HubSpotSandbox.CLIENT_SECRET),
                Map.entry("leadsync.hubspot.api-url", hubspot.baseUrl()),
                Map.entry("leadsync.hubspot.authorize-url", hubspot.baseUrl() + "/oauth/authorize"),
                Map.entry("leadsync.hubspot.redirect-uri", "http://localhost:9/oauth/callback")));
        api = new AdminApi(leadSync);
        key = api.workspaceKey("Acme");
        for (String kind : List.of("SALESFORCE", "HUBSPOT")) {
            api.realtime(key, connect(kind));
        }
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        salesforce.close();
        hubspot.close();
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
        assertThat(count("select count(*) from leads where lead_id = 'batch-bad'")).isZero();
        await(() -> inSalesforce("batch-1") == 1 && inSalesforce("batch-3") == 1 && inHubSpot("batch-1") == 1
                && inHubSpot("batch-3") == 1);
        String tracking = (String) leads.get(0).get("trackingId");
        await(() -> get("/api/v1/actions/" + tracking).split("\"status\":\"DELIVERED\"", -1).length - 1 == 2);

        HttpResponse<String> replayed = post(batch, "batch-key-1");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(replayed.body()).isEqualTo(first.body());

        long outboxBefore = count("select count(*) from outbox where lead_id like 'batch-%'");
        HttpResponse<String> resent = post(batch.replace("\"companyName\":\"Analytical Engines\"}",
                "\"companyName\":\"Difference Engines\"}"), "batch-key-2");
        assertThat(list(json(resent.body()).get("leads"))).extracting(lead -> lead.get("outcome"))
                .containsExactly("UPDATED", "UPDATED", "REFUSED", "REFUSED", "UPDATED");
        assertThat(count("select count(*) from outbox where lead_id like 'batch-%'")).isEqualTo(outboxBefore + 3);
        await(() -> "Difference Engines".equals(salesforceLead("batch-2").get("Company"))
                && "Difference Engines".equals(hubspotContact("batch-2").get("company")));
        assertThat(inSalesforce("batch-2")).as("updated, not duplicated").isEqualTo(1);
        assertThat(inHubSpot("batch-2")).isEqualTo(1);
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
        assertThat(count("select count(*) from leads where lead_id like 'aon-%'")).isZero();
        assertThat(count("select count(*) from outbox where lead_id like 'aon-%'")).isZero();
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
        assertThat(count("select count(*) from leads where lead_id like 'many-%' or lead_id like 'stray-%'"))
                .isZero();
    }

    private static String lead(String leadId, String email, String company) {
        return "{\"leadId\":\"" + leadId + "\",\"lastName\":\"Lovelace\",\"workEmail\":\"" + email
                + "\",\"companyName\":\"" + company + "\"}";
    }

    private static HttpResponse<String> post(String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leadSync.url() + "/api/v1/leads/batch"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String path) {
        try {
            return api.get(key, path).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> json(String body) throws Exception {
        return leadSync.context().getBean(JsonMapper.class).readValue(body, Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static long count(String sql) throws Exception {
        try (java.sql.Connection connection = leadSync.openDatabaseConnection();
             java.sql.ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String connect(String kind) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"" + kind + "\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = kind.equals("SALESFORCE")
                ? new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true)
                : new HubSpotBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        return AdminApi.field(started.body(), "connectionId");
    }

    private static long inSalesforce(String leadId) {
        return salesforce.records("Lead").stream().filter(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")))
                .count();
    }

    private static Map<String, Object> salesforceLead(String leadId) {
        return salesforce.records("Lead").stream().filter(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")))
                .findFirst().orElse(Map.of());
    }

    private static long inHubSpot(String leadId) {
        return hubspot.records("contacts").stream().filter(contact -> leadId.equals(properties(contact)
                .get("leadsync_lead_id"))).count();
    }

    private static Map<String, Object> hubspotContact(String leadId) {
        return hubspot.records("contacts").stream().map(BatchCaptureIT::properties)
                .filter(contact -> leadId.equals(contact.get("leadsync_lead_id"))).findFirst().orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> contact) {
        return (Map<String, Object>) contact.get("properties");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
