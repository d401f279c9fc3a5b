package io.leadsync.bootstrap;

import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.domain.crm.ConnectionId;
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
 * The background push through the whole running LeadSync: what an agent captures reaches every REALTIME connection
 * without anyone pressing "sync now", each lead once, and a later change of the lead follows it.
 */
class OutboxPushIT {
    /** How long the test waits for the worker: generous, since it only bounds a failure, never a success. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path home;

    private static SalesforceSandbox salesforce;
    private static HubSpotSandbox hubspot;
    private static RunningLeadSync leadSync;
    private static AdminApi api;

    @BeforeAll
    static void start() {
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
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        salesforce.close();
        hubspot.close();
    }

    @Test
    void captured_leads_reach_both_crms_by_themselves_once_each_and_a_later_change_follows() throws Exception {
        String key = api.workspaceKey("Acme");
        String toSalesforce = connect(key, "SALESFORCE");
        String toHubSpot = connect(key, "HUBSPOT");
        realtime(key, toSalesforce);
        realtime(key, toHubSpot);

        // 250 people (one last name each): Salesforce's duplicate rule, on by default, would flag one person 250 times.
        for (int i = 0; i < 250; i++) {
            HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"auto-" + i
                    + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace " + i + "\",\"workEmail\":\"auto-" + i
                    + "@analytical.example\",\"companyName\":\"Analytical Engines\",\"jobTitle\":\"Analyst\"}");
            assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
        }
        await(() -> salesforceLeads().size() == 250 && hubspotContacts().size() == 250);
        api.send(key, "PATCH", "/api/v1/leads/auto-7", "{\"jobTitle\":\"Chief Analyst\"}");
        await(() -> "Chief Analyst".equals(salesforceLead("auto-7").get("Title"))
                && "Chief Analyst".equals(hubspotContact("auto-7").get("jobtitle")));

        assertThat(salesforceLeads()).hasSize(250);
        assertThat(hubspotContacts()).hasSize(250);
        // Collections of 200 and batches of 100: no per-lead calls, however the captures fell into ticks.
        assertThat(salesforce.callCounts().get("PATCH /services/data/vXX.X/composite/sobjects/Lead/{externalIdField}"))
                .isLessThan(30L);
        await(() -> queue(key, toSalesforce).isEmpty() && queue(key, toHubSpot).isEmpty());
    }

    @Test
    void a_reps_edit_in_salesforce_reaches_the_lead_and_hubspot_and_is_not_written_back_to_salesforce() throws Exception {
        String key = api.workspaceKey("Initech");
        String toSalesforce = connect(key, "SALESFORCE");
        String toHubSpot = connect(key, "HUBSPOT");
        realtime(key, toSalesforce);
        realtime(key, toHubSpot);
        api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"peter\",\"lastName\":\"Gibbons\","
                + "\"workEmail\":\"peter@initech.example\",\"companyName\":\"Initech\",\"jobTitle\":\"Engineer\"}");
        await(() -> !salesforceLead("peter").isEmpty() && !hubspotContact("peter").isEmpty()
                && queue(key, toSalesforce).isEmpty() && queue(key, toHubSpot).isEmpty());
        String salesforceId = (String) salesforceLead("peter").get("Id");

        // A rep promotes Peter in Salesforce; the admin pulls now rather than waiting for the next cycle.
        HttpResponse<String> edited = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(salesforce.baseUrl() + "/__sandbox/salesforce/records/Lead/" + salesforceId))
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"Title\":\"Team Lead\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        long salesforceWritesBefore = salesforceWrites();
        HttpResponse<String> pulled = pullNow(key, toSalesforce);

        assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
        assertThat(api.get(key, "/api/v1/leads/peter").body()).contains("\"jobTitle\":\"Team Lead\"");
        await(() -> "Team Lead".equals(hubspotContact("peter").get("jobtitle")) && queue(key, toHubSpot).isEmpty());
        // A whole worker cycle after the pull: the change from Salesforce was not written back to Salesforce.
        WorkerCycles.awaitFullCycle(leadSync);
        assertThat(salesforceWrites()).isEqualTo(salesforceWritesBefore);
        assertThat(queue(key, toSalesforce)).isEmpty();
    }

    @Test
    void a_lead_a_rep_already_has_in_salesforce_is_linked_by_email_and_stamped_not_duplicated() throws Exception {
        String key = api.workspaceKey("Umbrella");
        // The agent found Alice before the workspace connected Salesforce; a rep had already entered her there.
        api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"alice\",\"lastName\":\"Abernathy\","
                + "\"workEmail\":\"alice@umbrella.example\",\"companyName\":\"Umbrella\",\"jobTitle\":\"CISO\"}");
        String token = (String) salesforce.tokensFor("admin@acme.example").get("access_token");
        HttpResponse<String> repsLead = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(salesforce.baseUrl() + "/services/data/v62.0/sobjects/Lead"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"LastName\":\"Abernathy\","
                        + "\"Company\":\"Umbrella Corp\",\"Email\":\"alice@umbrella.example\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(repsLead.statusCode()).as(repsLead.body()).isEqualTo(201);

        String toSalesforce = connect(key, "SALESFORCE");
        realtime(key, toSalesforce);

        // The first pull links the rep's Lead by email; the lead's values LeadSync holds go to that same Lead.
        await(() -> "alice".equals(aliceInSalesforce().get("LeadSync_Lead_ID__c")) && queue(key, toSalesforce).isEmpty(),
                () -> "Salesforce's Leads of alice: " + salesforce.records("Lead").stream()
                        .filter(lead -> "alice@umbrella.example".equals(lead.get("Email"))).toList()
                        + "; queued: " + queue(key, toSalesforce));
        assertThat(salesforce.records("Lead")).filteredOn(lead -> "alice@umbrella.example".equals(lead.get("Email")))
                .singleElement().satisfies(lead -> assertThat(lead.get("Title")).isEqualTo("CISO"));
    }

    private static Map<String, Object> aliceInSalesforce() {
        return salesforce.records("Lead").stream().filter(lead -> "alice@umbrella.example".equals(lead.get("Email")))
                .findFirst().orElse(Map.of());
    }

    @Test
    void both_sides_edit_the_title_and_the_connections_rule_decides_end_to_end_with_the_audit_saying_why()
            throws Exception {
        String key = api.workspaceKey("Hooli");
        String toSalesforce = connect(key, "SALESFORCE");
        realtime(key, toSalesforce);
        api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"dana\",\"lastName\":\"Scully\","
                + "\"workEmail\":\"dana@hooli.example\",\"companyName\":\"Hooli\",\"jobTitle\":\"Analyst\"}");
        await(() -> "Analyst".equals(salesforceLead("dana").get("Title")) && queue(key, toSalesforce).isEmpty());
        // The connection's first background pull (it reads every Lead of the shared sandbox org) must be over, so the
        // next one is a REALTIME minute away and cannot merge the edits below with the settings of before.
        await(() -> pullAudited(key, toSalesforce));
        // LeadSync's side wins conflicts now, and pushes wait for the hourly cycle, so both edits meet in one pull.
        HttpResponse<String> patched = api.send(key, "PATCH", "/api/admin/v1/connections/" + toSalesforce,
                "{\"conflictPolicy\":\"APP_WINS\",\"frequency\":\"HOURLY\"}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

        HttpResponse<String> agentEdit = api.send(key, "PATCH", "/api/v1/leads/dana",
                "{\"jobTitle\":\"Founder\",\"status\":\"CONTACTED\"}");
        assertThat(agentEdit.statusCode()).as(agentEdit.body()).isEqualTo(200);
        String salesforceId = (String) salesforceLead("dana").get("Id");
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(salesforce.baseUrl() + "/__sandbox/salesforce/records/Lead/" + salesforceId))
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"Title\":\"CTO\",\"City\":\"Oslo\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> pulled = pullNow(key, toSalesforce);

        assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
        String lead = api.get(key, "/api/v1/leads/dana").body();
        // The rep's city arrives; the title conflict goes to LeadSync's side; the agent's status stays.
        assertThat(lead).contains("\"jobTitle\":\"Founder\"").contains("\"city\":\"Oslo\"")
                .contains("\"status\":\"CONTACTED\"");
        assertThat(queue(key, toSalesforce)).as("LeadSync's title is owed to Salesforce").hasSize(1);
        HttpResponse<String> audit = api.get(key, "/api/admin/v1/audit?leadId=dana&action=lead.pulled");
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        assertThat(audit.body()).contains("jobTitle").contains("conflict settled by APP_WINS")
                .contains("LeadSync had 'Founder', the CRM 'CTO'").contains("city: (empty) -> 'Oslo'");
        assertThat(api.get(key, "/api/admin/v1/audit?limit=0&colour=red").body())
                .contains("\"parameter\":\"limit\"").contains("\"parameter\":\"colour\"");
    }

    /**
     * "Pull now", as an admin presses it; the background worker may be pulling the same connection at that moment
     * (409), and then the admin tries again. Either pull merges the rep's edit.
     */
    private static HttpResponse<String> pullNow(String key, String connection) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            HttpResponse<String> pulled = api.send(key, "POST", "/api/admin/v1/connections/" + connection + "/pull",
                    null);
            if (pulled.statusCode() != 409 || System.nanoTime() > deadline) {
                return pulled;
            }
            Thread.sleep(200);
        }
    }

    private static boolean pullAudited(String key, String connection) {
        try {
            return api.get(key, "/api/admin/v1/audit?action=sync.pull&connectionId=" + connection).body()
                    .contains("\"action\":\"sync.pull\"");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collections writes: upserts by lead id and updates by record Id (linked leads, ADR 0079). */
    private static long salesforceWrites() {
        return salesforce.callCounts().getOrDefault(
                "PATCH /services/data/vXX.X/composite/sobjects/Lead/{externalIdField}", 0L)
                + salesforce.callCounts().getOrDefault("PATCH /services/data/vXX.X/composite/sobjects", 0L);
    }

    @Test
    void a_lead_salesforce_refuses_is_delivery_failed_with_salesforces_reason_and_still_reaches_hubspot() throws Exception {
        String key = api.workspaceKey("Globex");
        String toSalesforce = connect(key, "SALESFORCE");
        String toHubSpot = connect(key, "HUBSPOT");
        realtime(key, toSalesforce);
        realtime(key, toHubSpot);

        // Salesforce requires Company on a Lead; LeadSync does not, and HubSpot does not either.
        api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"no-company\",\"lastName\":\"Byron\","
                + "\"workEmail\":\"byron@poets.example\"}");

        await(() -> queue(key, toSalesforce).stream().anyMatch(d -> d.state() == DeliveryQueue.State.FAILED)
                && queue(key, toHubSpot).isEmpty());
        assertThat(queue(key, toSalesforce)).singleElement().satisfies(delivery ->
                assertThat(delivery.lastError()).hasValueSatisfying(error ->
                        assertThat(error).contains("REQUIRED_FIELD_MISSING").contains("Company")));
    }

    private String connect(String key, String kind) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"" + kind + "\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = kind.equals("SALESFORCE")
                ? new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true)
                : new HubSpotBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        String connection = AdminApi.field(started.body(), "connectionId");
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection).body()).contains("\"state\":\"CONNECTED\"");
        return connection;
    }

    private static void realtime(String key, String connection) throws Exception {
        // Through the admin API, as an admin would (AdminApi.realtime says why).
        api.realtime(key, connection);
    }

    private static List<DeliveryQueue.Delivery> queue(String key, String connection) {
        return leadSync.context().getBean(DeliveryQueue.class).all(api.workspaceOf(key),
                new ConnectionId(UUID.fromString(connection)));
    }

    private static List<Map<String, Object>> salesforceLeads() {
        return salesforce.records("Lead").stream()
                .filter(lead -> String.valueOf(lead.get("Email")).endsWith("@analytical.example")).toList();
    }

    private static Map<String, Object> salesforceLead(String leadId) {
        return salesforce.records("Lead").stream().filter(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c"))).findFirst()
                .orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hubspotContacts() {
        return hubspot.records("contacts").stream().map(contact -> (Map<String, Object>) contact.get("properties"))
                .filter(properties -> String.valueOf(properties.get("email")).endsWith("@analytical.example")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hubspotContact(String leadId) {
        return hubspot.records("contacts").stream().map(contact -> (Map<String, Object>) contact.get("properties")).filter(contact -> leadId.equals(contact.get("leadsync_lead_id"))).findFirst()
                .orElse(Map.of());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        await(condition, () -> "");
    }

    /** As {@link #await(BooleanSupplier)}, saying what {@code state} finds when the wait runs out. */
    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE + " for the background push; " + state.get());
            }
            Thread.sleep(100);
        }
    }
}
