package io.leadsync.bootstrap;

import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's settings and error ledger through the whole running LeadSync, over real HTTP, with the background push
 * and the Salesforce sandbox: an admin makes the connection REALTIME through the API, a bad change is refused and
 * changes nothing, the leads Salesforce refuses show up grouped by its error code, and they go again when the lead is
 * fixed, on a resync, and on a backfill.
 */
class ConnectionSettingsIT {
    /** How long the test waits for the worker: generous, since it only bounds a failure, never a success. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String UPSERT = "PATCH /services/data/vXX.X/composite/sobjects/Lead/{externalIdField}";
    private static final String BY_ID = "PATCH /services/data/vXX.X/composite/sobjects";

    @TempDir
    static Path home;

    private static SalesforceSandbox salesforce;
    private static RunningLeadSync leadSync;
    private static AdminApi api;

    @BeforeAll
    static void start() {
        salesforce = SalesforceSandbox.start(0);
        leadSync = RunningLeadSync.start(home, Map.ofEntries(
                Map.entry("leadsync.first-start.enabled", false),
                Map.entry("leadsync.sync.worker.enabled", true),
                Map.entry("leadsync.sync.worker.interval", "200ms"),
                Map.entry("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID),
                Map.entry("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET),
                Map.entry("leadsync.salesforce.login-url", salesforce.baseUrl()),
                Map.entry("leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback")));
        api = new AdminApi(leadSync);
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        salesforce.close();
    }

    @Test
    void an_admin_goes_realtime_sees_salesforces_refusals_grouped_and_gets_them_delivered_once_fixed() throws Exception {
        String key = api.workspaceKey("Poets");
        String connection = connect(key);
        String path = "/api/admin/v1/connections/" + connection;

        HttpResponse<String> realtime = api.send(key, "PATCH", path,
                "{\"frequency\":\"REALTIME\",\"conflictPolicy\":\"MOST_RECENT\"}");
        assertThat(realtime.statusCode()).as(realtime.body()).isEqualTo(200);
        assertThat(realtime.body()).contains("\"frequency\":\"REALTIME\"").contains("\"conflictPolicy\":\"MOST_RECENT\"")
                .contains("\"createRecordsInCrm\":true").contains("\"appField\":\"companyName\",\"crmField\":\"Company\"");

        HttpResponse<String> bad = api.send(key, "PATCH", path,
                "{\"frequency\":\"WEEKLY\",\"direction\":\"PULL\",\"createLeadsFromCrm\":\"yes\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(bad.body()).contains("\"pointer\":\"/frequency\"").contains("\"pointer\":\"/createLeadsFromCrm\"")
                .doesNotContain("\"pointer\":\"/direction\"");
        assertThat(api.get(key, path).body()).contains("\"frequency\":\"REALTIME\"")
                .contains("\"direction\":\"BIDIRECTIONAL\"").contains("\"createLeadsFromCrm\":false");

        // Salesforce requires Company on a Lead; LeadSync does not.
        for (String poet : new String[]{"byron", "shelley"}) {
            HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"" + poet
                    + "\",\"lastName\":\"" + poet + "\",\"workEmail\":\"" + poet + "@poets.example\"}");
            assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
        }
        String ledger = await(() -> {
            String body = api.get(key, path + "/errors").body();
            return body.contains("\"count\":2") ? body : null;
        });
        assertThat(ledger).contains("\"total\":2").contains("\"errorType\":\"REQUIRED_FIELD_MISSING\"")
                .contains("\"state\":\"FAILED\"").contains("\"leadIds\":[\"byron\",\"shelley\"]")
                .contains("Company");

        // Fixing the lead is a new change: it goes again by itself, no resync needed.
        HttpResponse<String> fixed = api.send(key, "PATCH", "/api/v1/leads/byron", "{\"companyName\":\"Newstead\"}");
        assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
        await(() -> "Newstead".equals(salesforceLead("byron").get("Company")) ? true : null);
        await(() -> api.get(key, path + "/errors").body().contains("\"count\":1") ? true : null);

        // A resync of the group sends Shelley again; Salesforce refuses again and she is back in the ledger.
        long upsertsBefore = upserts();
        HttpResponse<String> resync = api.send(key, "POST", path + "/errors/resync",
                "{\"errorType\":\"REQUIRED_FIELD_MISSING\"}");
        assertThat(resync.statusCode()).as(resync.body()).isEqualTo(200);
        assertThat(resync.body()).contains("\"resynced\":1");
        await(() -> upserts() > upsertsBefore
                && api.get(key, path + "/errors").body().contains("\"leadIds\":[\"shelley\"]") ? true : null);

        // A backfill queues every lead of the workspace; Byron is written again, Shelley refused again.
        long beforeBackfill = upserts();
        HttpResponse<String> backfill = api.send(key, "POST", path + "/backfill", "{\"fields\":[\"companyName\"]}");
        assertThat(backfill.statusCode()).as(backfill.body()).isEqualTo(202);
        assertThat(backfill.body()).contains("\"queued\":2");
        await(() -> upserts() > beforeBackfill
                && api.get(key, path + "/errors").body().contains("\"total\":1") ? true : null);
        assertThat(salesforce.records("Lead")).filteredOn(lead -> "byron".equals(lead.get("LeadSync_Lead_ID__c")))
                .hasSize(1);
    }

    @Test
    void a_mapping_salesforce_could_not_hold_is_refused_with_the_reason_and_a_good_one_offers_a_backfill()
            throws Exception {
        String key = api.workspaceKey("Mappers");
        String path = "/api/admin/v1/connections/" + connect(key) + "/mappings";
        String current = api.get(key, path).body();

        HttpResponse<String> refused = api.send(key, "PUT", path, current.replace(
                "\"appField\":\"visitCount\",\"crmField\":\"LeadSync_Visit_Count__c\"",
                "\"appField\":\"visitCount\",\"crmField\":\"LeadSync_Agent_ID__c\""));
        HttpResponse<String> accepted = api.send(key, "PUT", path, current.replace(
                "{\"appField\":\"industry\",\"crmField\":\"Industry\",\"direction\":\"BIDIRECTIONAL\","
                        + "\"conflictPolicy\":null}",
                "{\"appField\":\"industry\",\"crmField\":\"Industry\",\"direction\":\"PUSH\","
                        + "\"conflictPolicy\":\"APP_WINS\"}").replace("\"crmField\":\"City\"", "\"crmField\":\"Town__c\""));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("LeadSync_Agent_ID__c is a text field").contains("visitCount is a number");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("\"backfill\":{\"available\":true,\"fields\":[\"city\"]}")
                .contains("Provision again");
        assertThat(api.get(key, path).body()).contains("\"appField\":\"city\",\"crmField\":\"Town__c\"")
                .contains("\"appField\":\"industry\",\"crmField\":\"Industry\",\"direction\":\"PUSH\","
                        + "\"conflictPolicy\":\"APP_WINS\"");
    }

    private String connect(String key) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        URI redirect = new SandboxBrowser().logInAndConsent(URI.create(AdminApi.field(started.body(), "authorizeUrl")),
                "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        String connection = AdminApi.field(started.body(), "connectionId");
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection).body()).contains("\"state\":\"CONNECTED\"");
        return connection;
    }

    /** Collections writes: upserts by lead id and updates by record Id (linked leads, ADR 0079). */
    private static long upserts() {
        return salesforce.callCounts().getOrDefault(UPSERT, 0L)
                + salesforce.callCounts().getOrDefault(BY_ID, 0L);
    }

    private static Map<String, Object> salesforceLead(String leadId) {
        return salesforce.records("Lead").stream().filter(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")))
                .findFirst().orElse(Map.of());
    }

    /** Waits until {@code probe} answers something; the answer is what the test goes on to check. */
    private static <T> T await(Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            T answer = probe.call();
            if (answer != null) {
                return answer;
            }
            assertThat(System.nanoTime()).as("waited %s for the background push", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
