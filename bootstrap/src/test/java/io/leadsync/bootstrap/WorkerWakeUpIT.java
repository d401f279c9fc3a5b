package io.leadsync.bootstrap;

import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ADR 0057: a REALTIME lead reaches the CRM because its commit woke the worker, not because a tick came round. The
 * worker's tick is an hour here, so only the wake-up can deliver within the test. Two nodes share one PostgreSQL: the
 * node that captures runs no worker, so the lead it commits is pushed by the other node, woken through
 * {@code LISTEN/NOTIFY}; a lead captured on the node with the worker is pushed through its own, local signal.
 */
class WorkerWakeUpIT {
    /** Bounds a failure only: without a wake-up the lead would wait an hour for the tick. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path home;

    private EmbeddedDatabase database;
    private SalesforceSandbox salesforce;
    private final List<RunningLeadSync> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(RunningLeadSync::close);
        if (salesforce != null) {
            salesforce.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void a_commit_on_any_node_wakes_the_worker_and_the_lead_reaches_salesforce_without_waiting_for_the_tick()
            throws Exception {
        salesforce = SalesforceSandbox.start(0);
        database = EmbeddedDatabase.startTemporary();
        Map<String, Object> common = Map.ofEntries(
                Map.entry("leadsync.first-start.enabled", false),
                Map.entry("leadsync.sync.worker.initial-delay", "1h"),
                Map.entry("leadsync.sync.worker.interval", "1h"),
                Map.entry("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID),
                Map.entry("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET),
                Map.entry("leadsync.salesforce.login-url", salesforce.baseUrl()),
                Map.entry("leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback"));
        Map<String, Object> pushing = new java.util.HashMap<>(common);
        pushing.put("leadsync.sync.worker.enabled", true);
        Map<String, Object> capturingOnly = new java.util.HashMap<>(common);
        capturingOnly.put("leadsync.sync.worker.enabled", false);
        // One after the other: the first creates the schema and the master key the other then shares.
        nodes.add(RunningLeadSync.startNode(database, home, pushing));
        nodes.add(RunningLeadSync.startNode(database, home, capturingOnly));
        assertThat(nodes.get(1).context().findBean(SyncWorker.class)).as("the capturing node runs no worker")
                .isEmpty();
        AdminApi worker = new AdminApi(nodes.get(0));
        AdminApi capturer = new AdminApi(nodes.get(1));
        String key = worker.workspaceKey("Wake-up");
        String connection = connectSalesforce(worker, key);
        worker.realtime(key, connection);

        capture(capturer, key, "wake-remote");
        awaitInSalesforce("wake-remote");
        capture(worker, key, "wake-local");
        awaitInSalesforce("wake-local");

        assertThat(salesforce.records("Lead").stream().map(lead -> String.valueOf(lead.get("LeadSync_Lead_ID__c")))
                .filter(id -> id.startsWith("wake-")).toList())
                .as("each lead once").containsExactlyInAnyOrder("wake-remote", "wake-local");
    }

    private static void capture(AdminApi api, String key, String leadId) throws Exception {
        HttpResponse<String> answer = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"" + leadId
                + "\",\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"workEmail\":\"" + leadId
                + "@wake.example\",\"companyName\":\"Navy\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    private void awaitInSalesforce(String leadId) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (salesforce.records("Lead").stream().noneMatch(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")))) {
            assertThat(System.nanoTime()).as("%s reached Salesforce within %s (the tick is an hour)", leadId,
                    PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String connectSalesforce(AdminApi api, String key) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        return AdminApi.field(started.body(), "connectionId");
    }

}
