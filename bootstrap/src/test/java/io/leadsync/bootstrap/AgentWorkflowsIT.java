package io.leadsync.bootstrap;

import io.leadsync.sandbox.hubspot.HubSpotBrowser;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agent workflows (issue 7) through the whole running LeadSync, with Salesforce and HubSpot sandboxes connected in
 * one workspace and the background push on: each routing rule sends the action where it says and nowhere else, the
 * outcome can be read back by tracking id, and an unusable target refuses the action before anything is written.
 */
class AgentWorkflowsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path home;

    private static SalesforceSandbox salesforce;
    private static HubSpotSandbox hubspot;
    private static RunningLeadSync leadSync;
    private static AdminApi api;
    private static String key;
    private static String toSalesforce;
    private static String toHubSpot;

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
        toSalesforce = connect(key, "SALESFORCE");
        toHubSpot = connect(key, "HUBSPOT");
        for (String connection : List.of(toSalesforce, toHubSpot)) {
            HttpResponse<String> realtime = api.send(key, "PATCH", "/api/admin/v1/connections/" + connection,
                    "{\"frequency\":\"REALTIME\"}");
            assertThat(realtime.statusCode()).as(realtime.body()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        salesforce.close();
        hubspot.close();
    }

    @Test
    void each_selection_rule_routes_the_action_to_its_crms_only_and_the_outcome_reads_back_by_tracking_id()
            throws Exception {
        // No rule: every connected CRM.
        String everywhere = capture(lead("route-all", "all@routing.example", "agent-1", null));
        awaitDelivered(everywhere, 2);
        assertThat(inSalesforce("route-all")).isTrue();
        assertThat(inHubSpot("route-all")).isTrue();
        assertThat(api.get(key, "/api/v1/actions/" + everywhere).body()).contains("\"routedBy\":\"EVERY_CONNECTED\"");

        // The request's own targets.
        String explicit = capture(lead("route-explicit", "explicit@routing.example", "agent-1",
                "\"targets\":[\"" + toHubSpot + "\"]"));
        awaitDelivered(explicit, 1);
        assertThat(inHubSpot("route-explicit")).isTrue();

        HttpResponse<String> rules = api.send(key, "PUT", "/api/admin/v1/routing", "{\"actions\":{\"upsertLead\":[\""
                + toSalesforce + "\"]},\"agents\":{\"agent-7\":[\"" + toHubSpot + "\"]},\"defaultTargets\":[\""
                + toSalesforce + "\"]}");
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);
        assertThat(api.get(key, "/api/admin/v1/routing").body()).contains("\"agent-7\":[\"" + toHubSpot + "\"]");

        // The workspace's rule for upserts beats agent-7's default.
        String byActionRule = capture(lead("route-rule", "rule@routing.example", "agent-7", null));
        awaitDelivered(byActionRule, 1);
        assertThat(inSalesforce("route-rule")).isTrue();
        assertThat(api.get(key, "/api/v1/actions/" + byActionRule).body()).contains("\"routedBy\":\"ACTION_RULE\"");

        // A status change has no workspace rule: agent-7's default (HubSpot) takes it.
        String byAgent = status("route-rule", "CONTACTED");
        awaitDelivered(byAgent, 1);
        assertThat(api.get(key, "/api/v1/actions/" + byAgent).body()).contains("\"routedBy\":\"AGENT_DEFAULT\"")
                .contains(toHubSpot).doesNotContain(toSalesforce);
        assertThat(inHubSpot("route-rule")).isTrue();

        // An agent without a default: the workspace's default CRM.
        capture(lead("route-default", "default@routing.example", "agent-9", "\"targets\":[\"" + toHubSpot + "\"]"));
        String byDefault = status("route-default", "ENGAGED");
        awaitDelivered(byDefault, 1);
        assertThat(api.get(key, "/api/v1/actions/" + byDefault).body())
                .contains("\"routedBy\":\"WORKSPACE_DEFAULT\"").contains(toSalesforce);
        assertThat(inSalesforce("route-default")).isTrue();

        // Routing happened before these checks; the worker has had many ticks to send anything it wrongly queued.
        Thread.sleep(1_000);
        assertThat(inSalesforce("route-explicit")).isFalse();
        assertThat(String.valueOf(hubspotContact("route-rule").get("leadsync_status"))).isEqualToIgnoringCase("CONTACTED");
        // The status change went to HubSpot only: Salesforce still has the lead as captured.
        assertThat(String.valueOf(salesforceLead("route-rule").get("LeadSync_Status__c"))).isEqualToIgnoringCase("NEW");
        assertThat(inHubSpot("route-default")).isTrue();
        assertThat(api.send(key, "PUT", "/api/admin/v1/routing", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_or_disconnected_target_is_named_in_a_422_and_nothing_is_written() throws Exception {
        String unknown = UUID.randomUUID().toString();
        HttpResponse<String> refused = api.send(key, "POST", "/api/v1/leads", lead("not-written",
                "nw@routing.example", null, "\"targets\":[\"" + toSalesforce + "\",\"" + unknown + "\"]"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"pointer\":\"/targets/1\"").contains(unknown)
                .contains("names no connection of this workspace");
        assertThat(api.get(key, "/api/v1/leads/not-written").statusCode()).isEqualTo(404);

        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        String gone = AdminApi.field(started.body(), "connectionId");
        assertThat(api.send(key, "DELETE", "/api/admin/v1/connections/" + gone, null).statusCode()).isLessThan(300);
        HttpResponse<String> disconnected = api.send(key, "POST", "/api/v1/leads", lead("not-written",
                "nw@routing.example", null, "\"targets\":[\"" + gone + "\"]"));
        assertThat(disconnected.statusCode()).as(disconnected.body()).isEqualTo(422);
        assertThat(disconnected.body()).contains(gone).contains("is disconnected");
        HttpResponse<String> badRule = api.send(key, "PUT", "/api/admin/v1/routing",
                "{\"defaultTargets\":[\"" + gone + "\"]}");
        assertThat(badRule.statusCode()).as(badRule.body()).isEqualTo(422);
        assertThat(badRule.body()).contains("\"pointer\":\"/defaultTargets/0\"").contains("is disconnected");
        assertThat(api.get(key, "/api/v1/leads/not-written").statusCode()).isEqualTo(404);
    }

    @Test
    void another_workspaces_tracking_id_is_not_found() throws Exception {
        String tracking = capture(lead("tracked", "tracked@routing.example", null, null));
        String otherKey = api.workspaceKey("Other");
        assertThat(api.get(otherKey, "/api/v1/actions/" + tracking).statusCode()).isEqualTo(404);
        assertThat(api.get(key, "/api/v1/actions/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(api.get(key, "/api/v1/actions/" + tracking).statusCode()).isEqualTo(200);
    }

    static String lead(String leadId, String email, String agentId, String extra) {
        return "{\"leadId\":\"" + leadId + "\",\"lastName\":\"Lovelace\",\"workEmail\":\"" + email
                + "\",\"companyName\":\"Analytical Engines\"" + (agentId == null ? "" : ",\"agentId\":\"" + agentId + "\"")
                + (extra == null ? "" : "," + extra) + "}";
    }

    private static String capture(String body) throws Exception {
        HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", body);
        assertThat(captured.statusCode()).as(captured.body()).isIn(200, 201);
        return AdminApi.field(captured.body(), "trackingId");
    }

    private static String status(String leadId, String status) throws Exception {
        HttpResponse<String> changed = api.send(key, "PUT", "/api/v1/leads/" + leadId + "/status",
                "{\"status\":\"" + status + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        return AdminApi.field(changed.body(), "trackingId");
    }

    /** Waits until the action reads back DELIVERED at {@code targets} targets, and at no more. */
    private static void awaitDelivered(String trackingId, int targets) throws Exception {
        await(() -> {
            try {
                String body = api.get(key, "/api/v1/actions/" + trackingId).body();
                return body.split("\"status\":\"DELIVERED\"", -1).length - 1 == targets
                        && !body.contains("\"status\":\"QUEUED\"");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String body = api.get(key, "/api/v1/actions/" + trackingId).body();
        assertThat(body.split("\"connectionId\"", -1).length - 1).as(body).isEqualTo(targets);
    }

    private static String connect(String key, String kind) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"" + kind + "\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = kind.equals("SALESFORCE")
                ? new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true)
                : new HubSpotBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        return AdminApi.field(started.body(), "connectionId");
    }

    static boolean inSalesforce(String leadId) {
        return salesforce.records("Lead").stream().anyMatch(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")));
    }

    static Map<String, Object> salesforceLead(String leadId) {
        return salesforce.records("Lead").stream().filter(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")))
                .findFirst().orElse(Map.of());
    }

    static boolean inHubSpot(String leadId) {
        return !hubspotContact(leadId).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> hubspotContact(String leadId) {
        return hubspot.records("contacts").stream().map(contact -> (Map<String, Object>) contact.get("properties"))
                .filter(contact -> leadId.equals(contact.get("leadsync_lead_id"))).findFirst().orElse(Map.of());
    }

    /** The calls that write records: everything but reads, searches, queries and OAuth. */
    static long writes() {
        return java.util.stream.Stream.of(salesforce.callCounts(), hubspot.callCounts())
                .flatMap(counts -> counts.entrySet().stream())
                .filter(call -> !call.getKey().startsWith("GET") && !call.getKey().contains("search")
                        && !call.getKey().contains("query") && !call.getKey().contains("oauth"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
