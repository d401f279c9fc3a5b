package io.leadsync.bootstrap;

import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
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
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's converted leads, merged leads and Contact targets end to end: one LeadSync node with its background
 * worker, real PostgreSQL, the default Salesforce sandbox over HTTP; reps convert and merge as they do in
 * Salesforce's UI (the sandbox's control API stands for the UI), agents change leads and log activities through the
 * agent API.
 */
class RealOrgRecordsIT {
    /** How long the test waits for the worker: generous, since it only bounds a failure, never a success. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
                Map.entry("leadsync.sync.worker.initial-delay", "200ms"),
                Map.entry("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID),
                Map.entry("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET),
                Map.entry("leadsync.salesforce.login-url", salesforce.baseUrl()),
                Map.entry("leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback"),
                Map.entry("leadsync.salesforce.timeout", "5s")));
        api = new AdminApi(leadSync);
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        salesforce.close();
    }

    @Test
    void a_contact_target_connection_creates_contact_and_account_and_pulls_what_a_rep_changes_on_the_contact()
            throws Exception {
        String key = api.workspaceKey("Contacts");
        String connection = connect(key);
        HttpResponse<String> patched = api.send(key, "PATCH", "/api/admin/v1/connections/" + connection,
                "{\"targetObject\":\"CONTACT\",\"createAccountsInCrm\":true,\"frequency\":\"REALTIME\"}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(patched.body()).contains("\"targetObject\":\"CONTACT\"").contains("\"crmField\":\"Account.Name\"");
        HttpResponse<String> provisioned = api.send(key, "POST", "/api/admin/v1/connections/" + connection
                + "/provision", null);
        assertThat(provisioned.body()).contains("\"ready\":true");

        capture(key, "ada", "Analytical Engines", "https://www.analytical.example");
        capture(key, "charles", "analytical engines", null);
        // The pushes done, links saved: a pull that reads a record before LeadSync's own write to it leaves it to the
        // next pull (ADR 0077), so "pull now" while a push is still saving could miss the rep's edit below.
        await(() -> contact("ada").containsKey("Id") && contact("charles").containsKey("Id")
                && queueEmpty(key, connection));

        assertThat(salesforce.records("Lead")).as("no Lead: the target is Contact")
                .noneMatch(l -> "ada".equals(l.get("LeadSync_Lead_ID__c")) || "charles".equals(l.get("LeadSync_Lead_ID__c")));
        assertThat(salesforce.records("Account")).as("one Account for the one company")
                .filteredOn(a -> "Analytical Engines".equalsIgnoreCase(String.valueOf(a.get("Name")))).hasSize(1);
        Map<String, Object> account = salesforce.records("Account").stream()
                .filter(a -> "Analytical Engines".equalsIgnoreCase(String.valueOf(a.get("Name")))).findFirst()
                .orElseThrow();
        assertThat(account).containsEntry("Name", "Analytical Engines")
                .containsEntry("Website", "https://www.analytical.example");
        assertThat(contact("ada")).containsEntry("AccountId", account.get("Id")).containsEntry("LastName", "Lovelace");
        assertThat(contact("charles")).as("the same company by name").containsEntry("AccountId", account.get("Id"));

        repEdits("Account", (String) account.get("Id"), "{\"Name\":\"Analytical Engines Ltd\"}");
        repEdits("Contact", (String) contact("ada").get("Id"), "{\"Title\":\"Countess\"}");
        pullNow(key, connection);

        // The Contact's change brings its Account's mapped fields along (ADR 0080).
        assertThat(api.get(key, "/api/v1/leads/ada").body()).contains("\"jobTitle\":\"Countess\"")
                .contains("\"companyName\":\"Analytical Engines Ltd\"");
    }

    @Test
    void a_rep_converts_a_lead_and_its_next_change_and_activity_land_on_the_contact_with_nothing_in_the_ledger()
            throws Exception {
        String key = api.workspaceKey("Conversions");
        String connection = connect(key);
        settings(key, connection, "{\"frequency\":\"REALTIME\"}");
        capture(key, "grace", "Navy", null);
        await(() -> lead("grace").containsKey("Id") && queueEmpty(key, connection));
        String leadRecord = (String) lead("grace").get("Id");

        HttpResponse<String> converted = control("POST", "/__sandbox/salesforce/leads/" + leadRecord + "/convert", "{}");
        assertThat(converted.statusCode()).as(converted.body()).isEqualTo(200);
        String contactId = AdminApi.field(converted.body(), "contactId");
        String accountId = AdminApi.field(converted.body(), "accountId");

        HttpResponse<String> changed = api.send(key, "PATCH", "/api/v1/leads/grace", "{\"jobTitle\":\"Rear Admiral\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        await(() -> "Rear Admiral".equals(record("Contact", contactId).get("Title")));
        HttpResponse<String> logged = api.send(key, "POST", "/api/v1/leads/grace/activities",
                "{\"type\":\"CALL\",\"subject\":\"Follow-up call\"}");
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
        await(() -> salesforce.records("Task").stream().anyMatch(task -> "Follow-up call".equals(task.get("Subject"))));

        Map<String, Object> task = salesforce.records("Task").stream()
                .filter(t -> "Follow-up call".equals(t.get("Subject"))).findFirst().orElseThrow();
        assertThat(task).as("the activity is on the Contact").containsEntry("WhoId", contactId);
        await(() -> "grace".equals(record("Contact", contactId).get("LeadSync_Lead_ID__c"))
                && "CONVERTED".equals(record("Contact", contactId).get("LeadSync_Status__c")));
        assertThat(record("Lead", leadRecord)).as("the converted Lead untouched").containsEntry("IsConverted", true)
                .doesNotContainEntry("Title", "Rear Admiral");
        String lead = api.get(key, "/api/v1/leads/grace").body();
        assertThat(lead).contains("\"status\":\"CONVERTED\"").contains("\"contactId\":\"" + contactId + "\"")
                .contains("\"accountId\":\"" + accountId + "\"");
        await(() -> queueEmpty(key, connection));
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection + "/errors").body())
                .contains("\"total\":0");
        assertThat(salesforce.records("Lead")).as("no new Lead for grace")
                .filteredOn(l -> "grace@analytical.example".equals(l.get("Email"))).hasSize(1);
    }

    @Test
    void a_conversion_seen_on_a_pull_is_recorded_before_any_change_is_sent() throws Exception {
        String key = api.workspaceKey("Pulled conversions");
        String connection = connect(key);
        settings(key, connection, "{\"frequency\":\"REALTIME\"}");
        capture(key, "alan", "Bletchley", null);
        await(() -> lead("alan").containsKey("Id") && queueEmpty(key, connection));
        HttpResponse<String> converted = control("POST", "/__sandbox/salesforce/leads/" + lead("alan").get("Id")
                + "/convert", "{}");
        String contactId = AdminApi.field(converted.body(), "contactId");

        pullNow(key, connection);

        assertThat(api.get(key, "/api/v1/leads/alan").body()).contains("\"status\":\"CONVERTED\"")
                .contains(contactId);
        await(() -> "alan".equals(record("Contact", contactId).get("LeadSync_Lead_ID__c")));
        assertThat(api.get(key, "/api/admin/v1/audit?action=lead.converted&leadId=alan").body())
                .contains("noticed on a pull");
    }

    @Test
    void a_merge_is_followed_to_the_master_and_the_merged_away_lead_is_never_created_again() throws Exception {
        String key = api.workspaceKey("Merges");
        String connection = connect(key);
        settings(key, connection, "{\"frequency\":\"REALTIME\"}");
        capture(key, "barbara", "MIT", null);
        await(() -> lead("barbara").containsKey("Id") && queueEmpty(key, connection));
        String loser = (String) lead("barbara").get("Id");
        // A rep's own Lead for the same person, entered through the web form.
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                        + "/servlet/servlet.WebToLead?encoding=UTF-8"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("oid=" + SalesforceSandbox.ORG_ID
                        + "&last_name=Liskov&company=MIT&email=liskov%40mit.example")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        String master = salesforce.records("Lead").stream().filter(l -> "Liskov".equals(l.get("LastName")))
                .map(l -> (String) l.get("Id")).findFirst().orElseThrow();
        HttpResponse<String> merged = control("POST", "/__sandbox/salesforce/merge",
                "{\"type\":\"Lead\",\"masterId\":\"" + master + "\",\"mergeIds\":[\"" + loser + "\"]}");
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);

        pullNow(key, connection);
        HttpResponse<String> changed = api.send(key, "PATCH", "/api/v1/leads/barbara", "{\"jobTitle\":\"Professor\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        await(() -> "Professor".equals(record("Lead", master).get("Title")) && queueEmpty(key, connection));

        assertThat(record("Lead", master)).containsEntry("LeadSync_Lead_ID__c", "barbara");
        assertThat(salesforce.records("Lead")).as("the master only: the merged-away Lead is not created again")
                .filteredOn(l -> "barbara".equals(l.get("LeadSync_Lead_ID__c"))
                        || "barbara@analytical.example".equals(l.get("Email")))
                .extracting(l -> l.get("Id")).containsExactly(master);
        assertThat(api.get(key, "/api/admin/v1/audit?action=lead.merged&leadId=barbara").body()).contains(master);
    }

    @Test
    void a_change_right_after_a_soap_merge_before_any_pull_lands_on_the_master_and_the_link_moves() throws Exception {
        String key = api.workspaceKey("Merged within a pull cycle");
        String connection = connect(key);
        settings(key, connection, "{\"frequency\":\"REALTIME\"}");
        capture(key, "edsger", "Eindhoven", null);
        await(() -> lead("edsger").containsKey("Id") && queueEmpty(key, connection));
        String loser = (String) lead("edsger").get("Id");
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                        + "/servlet/servlet.WebToLead?encoding=UTF-8"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("oid=" + SalesforceSandbox.ORG_ID
                        + "&last_name=Dijkstra&company=TU%20Eindhoven&email=ewd%40tue.example")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        String master = salesforce.records("Lead").stream().filter(l -> "Dijkstra".equals(l.get("LastName")))
                .map(l -> (String) l.get("Id")).findFirst().orElseThrow();

        // The rep merges through the SOAP API (as jsforce's conn.soap.merge sends it), then the agent changes the
        // lead at once: the push meets the deleted loser before any pull has seen the merge.
        Map<String, Object> tokens = salesforce.tokensFor("rep@acme.example");
        HttpResponse<String> merged = HTTP.send(HttpRequest.newBuilder(URI.create(tokens.get("instance_url")
                        + "/services/Soap/u/62.0"))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                        + "xmlns=\"urn:partner.soap.sforce.com\" xmlns:sf=\"urn:sobject.partner.soap.sforce.com\">"
                        + "<soapenv:Header><SessionHeader><sessionId>" + tokens.get("access_token")
                        + "</sessionId></SessionHeader></soapenv:Header><soapenv:Body><merge><mergeRequests>"
                        + "<masterRecord><sf:type>Lead</sf:type><sf:Id>" + master + "</sf:Id></masterRecord>"
                        + "<recordToMergeIds>" + loser + "</recordToMergeIds></mergeRequests></merge>"
                        + "</soapenv:Body></soapenv:Envelope>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(merged.body()).contains("<success>true</success>");
        HttpResponse<String> changed = api.send(key, "PATCH", "/api/v1/leads/edsger", "{\"jobTitle\":\"Professor\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        await(() -> "Professor".equals(record("Lead", master).get("Title")) && queueEmpty(key, connection));

        assertThat(record("Lead", master)).containsEntry("LeadSync_Lead_ID__c", "edsger")
                .containsEntry("LastName", "Dijkstra");
        assertThat(salesforce.records("Lead")).as("the master only: no new Lead for the merged-away one")
                .filteredOn(l -> "edsger".equals(l.get("LeadSync_Lead_ID__c"))
                        || "edsger@analytical.example".equals(l.get("Email")))
                .extracting(l -> l.get("Id")).containsExactly(master);
        // The agent API: the lead's next activity goes to the master as a Task, which the activity list names.
        HttpResponse<String> logged = api.send(key, "POST", "/api/v1/leads/edsger/activities",
                "{\"type\":\"CALL\",\"subject\":\"Call after the merge\"}");
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
        await(() -> salesforce.records("Task").stream().anyMatch(task -> "Call after the merge".equals(
                task.get("Subject"))));
        Map<String, Object> task = salesforce.records("Task").stream()
                .filter(t -> "Call after the merge".equals(t.get("Subject"))).findFirst().orElseThrow();
        assertThat(task).containsEntry("WhoId", master);
        await(() -> api.get(key, "/api/v1/leads/edsger/activities").body().contains((String) task.get("Id")));
        String page = AdminApi.ownerBrowser(leadSync.context(), leadSync.url(), api.workspaceOf(key))
                .get("/app/leads/edsger").body();
        // The lead's Salesforce record is the master (the history still names the loser the lead was first written to).
        assertThat(page).containsPattern("data-testid=\"crm-record-link\"[^>]*><code>" + master + "</code>");
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection + "/errors").body()).doesNotContain("edsger");
    }

    private static void capture(String key, String leadId, String company, String website) throws Exception {
        HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"" + leadId
                + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"workEmail\":\"" + leadId
                + "@analytical.example\",\"companyName\":\"" + company + "\""
                + (website == null ? "" : ",\"companyWebsite\":\"" + website + "\"") + "}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
    }

    static void repEdits(String object, String id, String json) throws Exception {
        HttpResponse<String> edited = HTTP.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                        + "/__sandbox/salesforce/records/" + object + "/" + id))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    }

    /** "Pull now"; while the background worker pulls the same connection it answers 409, and the admin tries again. */
    private static HttpResponse<String> pullNow(String key, String connection) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            HttpResponse<String> pulled = api.send(key, "POST", "/api/admin/v1/connections/" + connection + "/pull",
                    null);
            if (pulled.statusCode() != 409 || System.nanoTime() > deadline) {
                assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
                return pulled;
            }
            Thread.sleep(100);
        }
    }

    private static String connect(String key) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        String connection = AdminApi.field(started.body(), "connectionId");
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection).body()).contains("\"state\":\"CONNECTED\"");
        return connection;
    }

    private static Map<String, Object> contact(String leadId) {
        return salesforce.records("Contact").stream().filter(c -> leadId.equals(c.get("LeadSync_Lead_ID__c")))
                .findFirst().orElse(Map.of());
    }

    private static boolean queueEmpty(String key, String connection) {
        return leadSync.context().getBean(io.leadsync.application.port.out.DeliveryQueue.class)
                .all(api.workspaceOf(key), new io.leadsync.domain.crm.ConnectionId(java.util.UUID.fromString(
                        connection))).isEmpty();
    }

    private static void settings(String key, String connection, String json) throws Exception {
        HttpResponse<String> patched = api.send(key, "PATCH", "/api/admin/v1/connections/" + connection, json);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    private static HttpResponse<String> control(String method, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> record(String object, String id) {
        return salesforce.records(object).stream().filter(r -> id.equals(r.get("Id"))).findFirst().orElse(Map.of());
    }

    static Map<String, Object> lead(String leadId) {
        return salesforce.records("Lead").stream().filter(l -> leadId.equals(l.get("LeadSync_Lead_ID__c")))
                .findFirst().orElse(Map.of());
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
