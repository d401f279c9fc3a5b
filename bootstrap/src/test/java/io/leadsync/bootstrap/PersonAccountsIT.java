package io.leadsync.bootstrap;

import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18's Person Accounts end to end: one LeadSync node with its worker, real PostgreSQL, the Salesforce sandbox
 * over HTTP. An org without Person Accounts (the default) is refused the target; once the org has them, leads become
 * Person Accounts, re-syncs update them and a rep's edit comes back. Ordered because Salesforce, and the sandbox,
 * cannot turn Person Accounts off again once enabled: the refusal runs first, on the org as it starts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PersonAccountsIT {
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
    @Order(1)
    void an_org_without_person_accounts_is_not_offered_the_target_and_saving_it_is_refused_naming_the_rule()
            throws Exception {
        String key = api.workspaceKey("B2B only");
        String connection = connect(key);

        String offered = api.get(key, "/api/admin/v1/connections/" + connection + "/target-objects").body();
        assertThat(offered).contains("\"value\":\"LEAD\"", "\"value\":\"CONTACT\"", "\"checked\":true")
                .doesNotContain("PERSON_ACCOUNT");
        HttpResponse<String> refused = api.send(key, "PATCH", "/api/admin/v1/connections/" + connection,
                "{\"targetObject\":\"PERSON_ACCOUNT\"}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("targetObject").contains("only where the Salesforce org has Person Accounts");
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection).body())
                .as("nothing changed").contains("\"targetObject\":\"LEAD\"");

        // The settings page offers what the org has, and refuses Person Account with the same rule.
        WebClient owner = AdminApi.ownerBrowser(leadSync.context(), leadSync.url(), api.workspaceOf(key));
        String page = "/app/connections/" + connection;
        assertThat(owner.get(page).body()).contains("Contact with its Account").doesNotContain("PERSON_ACCOUNT");
        HttpResponse<String> saved = owner.submit(page, page + "/settings", "frequency=EVERY_5_MIN&direction=BIDIRECTIONAL"
                + "&conflictPolicy=CRM_WINS&targetObject=PERSON_ACCOUNT&createRecordsInCrm=true");
        assertThat(saved.statusCode()).isEqualTo(422);
        assertThat(saved.body()).contains("The settings were not saved.")
                .contains("targetObject: Person Account is offered only where the Salesforce org has Person Accounts");
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection).body()).contains("\"targetObject\":\"LEAD\"");
    }

    @Test
    @Order(2)
    void a_person_account_org_receives_leads_as_person_accounts_updates_them_and_pulls_a_reps_edit()
            throws Exception {
        HttpResponse<String> enabled = control("POST", "/__sandbox/salesforce/person-accounts", "{\"enabled\":true}");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        String key = api.workspaceKey("B2C");
        String connection = connect(key);
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection + "/target-objects").body())
                .contains("\"value\":\"PERSON_ACCOUNT\",\"label\":\"Person Account (B2C: each lead becomes a person)\"");
        assertThat(AdminApi.ownerBrowser(leadSync.context(), leadSync.url(), api.workspaceOf(key))
                .get("/app/connections/" + connection).body())
                .contains("<option value=\"PERSON_ACCOUNT\">Person Account (B2C: each lead becomes a person)</option>");
        HttpResponse<String> patched = api.send(key, "PATCH", "/api/admin/v1/connections/" + connection,
                "{\"targetObject\":\"PERSON_ACCOUNT\",\"frequency\":\"REALTIME\"}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(patched.body()).contains("\"targetObject\":\"PERSON_ACCOUNT\"").contains("\"crmField\":\"PersonEmail\"");
        HttpResponse<String> provisioned = api.send(key, "POST", "/api/admin/v1/connections/" + connection
                + "/provision", null);
        assertThat(provisioned.body()).as(provisioned.body()).contains("\"ready\":true");

        HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"mary\",\"firstName\":"
                + "\"Mary\",\"lastName\":\"Somerville\",\"workEmail\":\"mary@somerville.example\",\"jobTitle\":"
                + "\"Author\",\"companyName\":\"Self-employed\"}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
        await(() -> person("mary").containsKey("Id") && queueEmpty(key, connection));

        Map<String, Object> account = person("mary");
        assertThat(account).containsEntry("IsPersonAccount", true)
                .containsEntry("PersonEmail", "mary@somerville.example").containsEntry("LastName", "Somerville")
                .containsEntry("FirstName", "Mary").containsEntry("Name", "Mary Somerville")
                .containsEntry("PersonTitle", "Author").containsEntry("LeadSync_Company__c", "Self-employed");
        assertThat(salesforce.records("Lead")).as("no Lead: the target is Person Account")
                .noneMatch(l -> "mary".equals(l.get("LeadSync_Lead_ID__c")));

        HttpResponse<String> changed = api.send(key, "PATCH", "/api/v1/leads/mary", "{\"jobTitle\":\"Polymath\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        await(() -> "Polymath".equals(person("mary").get("PersonTitle")) && queueEmpty(key, connection));
        assertThat(accounts("mary")).as("the re-sync updated the same person account").hasSize(1)
                .extracting(a -> a.get("Id")).containsExactly(account.get("Id"));

        HttpResponse<String> edited = HTTP.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                        + "/__sandbox/salesforce/records/Account/" + account.get("Id")))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"PersonTitle\":\"Science writer\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        pullNow(key, connection);

        assertThat(api.get(key, "/api/v1/leads/mary").body()).contains("\"jobTitle\":\"Science writer\"");
        assertThat(accounts("mary")).hasSize(1);
    }

    private static String connect(String key) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        return AdminApi.field(started.body(), "connectionId");
    }

    private static List<Map<String, Object>> accounts(String leadId) {
        return salesforce.records("Account").stream().filter(a -> leadId.equals(a.get("LeadSync_Lead_ID__c")))
                .toList();
    }

    private static Map<String, Object> person(String leadId) {
        return accounts(leadId).stream().findFirst().orElse(Map.of());
    }

    private static boolean queueEmpty(String key, String connection) {
        return leadSync.context().getBean(io.leadsync.application.port.out.DeliveryQueue.class)
                .all(api.workspaceOf(key), new io.leadsync.domain.crm.ConnectionId(java.util.UUID.fromString(
                        connection))).isEmpty();
    }

    /** "Pull now"; while the background worker pulls the same connection it answers 409, and the admin tries again. */
    private static void pullNow(String key, String connection) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            HttpResponse<String> pulled = api.send(key, "POST", "/api/admin/v1/connections/" + connection + "/pull",
                    null);
            if (pulled.statusCode() != 409 || System.nanoTime() > deadline) {
                assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
                return;
            }
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> control(String method, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
