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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent logs activities on a lead through the agent API; the background push writes each into both CRMs the lead
 * lives in, on the lead's own record: a Salesforce Task whose WhoId is the Lead, a HubSpot note associated with the
 * contact, over the sandboxes' real wire formats.
 */
class ActivityDeliveryIT {
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
                Map.entry("leadsync.sync.worker.interval", "100ms"),
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
    void an_activity_logged_by_an_agent_appears_on_the_leads_record_in_each_crm() throws Exception {
        String key = api.workspaceKey("Acme");
        connect(key, "SALESFORCE");
        connect(key, "HUBSPOT");
        capture(key, "ada", "ada@analytical.example");
        capture(key, "grace", "grace@navy.example");
        await(() -> !salesforceLead("ada").isEmpty() && !salesforceLead("grace").isEmpty()
                && hubspotContactId("ada") != null && hubspotContactId("grace") != null);

        HttpResponse<String> logged = api.send(key, "POST", "/api/v1/leads/ada/activities", "{\"type\":\"EMAIL\","
                + "\"subject\":\"Intro to Analytical Engines\",\"body\":\"Hi Ada,\\nshall we talk engines?\","
                + "\"occurredAt\":\"2026-12-01T10:15:00Z\"}");
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
        assertThat(logged.body()).contains("\"state\":\"PENDING\"", "\"kind\":\"SALESFORCE\"", "\"kind\":\"HUBSPOT\"");
        HttpResponse<String> call = api.send(key, "POST", "/api/v1/leads/grace/activities",
                "{\"type\":\"CALL\",\"subject\":\"Discovery call\"}");
        assertThat(call.statusCode()).as(call.body()).isEqualTo(201);

        await(() -> delivered(key, "ada") && delivered(key, "grace"));

        List<Map<String, Object>> tasks = salesforce.records("Task");
        assertThat(tasks).hasSize(2);
        Map<String, Object> email = tasks.stream().filter(t -> "Intro to Analytical Engines".equals(t.get("Subject")))
                .findFirst().orElseThrow();
        assertThat(email).containsEntry("WhoId", salesforceLead("ada").get("Id"))
                .containsEntry("Description", "Hi Ada,\nshall we talk engines?")
                .containsEntry("ActivityDate", "2026-12-01").containsEntry("Status", "Completed")
                .containsEntry("TaskSubtype", "Email").containsEntry("Type", "Email").containsEntry("IsClosed", true);
        Map<String, Object> discovery = tasks.stream().filter(t -> "Discovery call".equals(t.get("Subject")))
                .findFirst().orElseThrow();
        assertThat(discovery).containsEntry("WhoId", salesforceLead("grace").get("Id"))
                .containsEntry("TaskSubtype", "Call");

        List<Map<String, Object>> notes = hubspot.notes();
        assertThat(notes).hasSize(2);
        Map<String, Object> emailNote = notes.stream().filter(n -> properties(n).get("hs_note_body").toString()
                .contains("Intro to Analytical Engines")).findFirst().orElseThrow();
        assertThat(emailNote.get("contactIds")).asList().containsExactly(Long.parseLong(hubspotContactId("ada")));
        assertThat(properties(emailNote)).containsEntry("hs_timestamp", "2026-12-01T10:15:00Z");
        assertThat(properties(emailNote).get("hs_note_body").toString()).contains("Email:", "shall we talk engines?");
        Map<String, Object> callNote = notes.stream().filter(n -> n != emailNote).findFirst().orElseThrow();
        assertThat(callNote.get("contactIds")).asList().containsExactly(Long.parseLong(hubspotContactId("grace")));

        // The agent reads back what became of the activity in each CRM, with the CRM's record ids.
        String read = api.get(key, "/api/v1/leads/ada/activities").body();
        assertThat(read).contains("\"crmRecordId\":\"" + email.get("Id") + "\"",
                "\"crmRecordId\":\"" + emailNote.get("id") + "\"");
    }

    @Test
    void a_bad_activity_is_refused_naming_each_member_and_an_unknown_lead_is_404() throws Exception {
        String key = api.workspaceKey("Initech");
        capture(key, "peter", "peter@initech.example");
        HttpResponse<String> refused = api.send(key, "POST", "/api/v1/leads/peter/activities",
                "{\"type\":\"FAX\",\"subject\":\"" + "x".repeat(300) + "\",\"occurredAt\":\"yesterday\",\"mood\":1}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("\"pointer\":\"/type\"", "\"pointer\":\"/occurredAt\"",
                "\"pointer\":\"/mood\"");
        HttpResponse<String> tooLong = api.send(key, "POST", "/api/v1/leads/peter/activities",
                "{\"type\":\"CALL\",\"subject\":\"" + "x".repeat(300) + "\"}");
        assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(422);
        assertThat(tooLong.body()).contains("\"pointer\":\"/subject\"");
        assertThat(api.get(key, "/api/v1/leads/peter/activities").body()).isEqualTo("{\"activities\":[]}");

        assertThat(api.send(key, "POST", "/api/v1/leads/nobody/activities", "{\"type\":\"CALL\",\"subject\":\"Hi\"}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void a_wrong_type_does_not_hide_an_empty_subject_or_a_future_time() throws Exception {
        String key = api.workspaceKey("Hooli");
        capture(key, "gavin", "gavin@hooli.example");
        HttpResponse<String> refused = api.send(key, "POST", "/api/v1/leads/gavin/activities",
                "{\"type\":\"FAX\",\"subject\":\"\",\"occurredAt\":\"" + Instant.now().plusSeconds(86_400) + "\"}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"pointer\":\"/type\"", "\"pointer\":\"/subject\"",
                "\"pointer\":\"/occurredAt\"");
        assertThat(api.get(key, "/api/v1/leads/gavin/activities").body()).isEqualTo("{\"activities\":[]}");
    }

    private static boolean delivered(String key, String leadId) {
        try {
            String body = api.get(key, "/api/v1/leads/" + leadId + "/activities").body();
            return body.contains("DELIVERED") && !body.contains("PENDING");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> record) {
        return (Map<String, Object>) record.get("properties");
    }

    private static void connect(String key, String kind) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"" + kind + "\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = kind.equals("SALESFORCE")
                ? new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true)
                : new HubSpotBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        String connection = AdminApi.field(started.body(), "connectionId");
        HttpResponse<String> realtime = api.send(key, "PATCH", "/api/admin/v1/connections/" + connection,
                "{\"frequency\":\"REALTIME\"}");
        assertThat(realtime.statusCode()).as(realtime.body()).isEqualTo(200);
    }

    private static void capture(String key, String leadId, String email) throws Exception {
        HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"" + leadId
                + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"workEmail\":\"" + email
                + "\",\"companyName\":\"Analytical Engines\"}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
    }

    private static Map<String, Object> salesforceLead(String leadId) {
        return salesforce.records("Lead").stream().filter(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")))
                .findFirst().orElse(Map.of());
    }

    private static String hubspotContactId(String leadId) {
        return hubspot.records("contacts").stream()
                .filter(contact -> leadId.equals(properties(contact).get("leadsync_lead_id")))
                .map(contact -> String.valueOf(contact.get("id"))).findFirst().orElse(null);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for the background push", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
