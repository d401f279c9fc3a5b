package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.administer.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.domain.workspace.Workspace;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Salesforce orgs through the whole running LeadSync on PostgreSQL and the sandbox (issue 12): a connection made
 * to a sandbox org logs in and refreshes at the sandbox login host, an org Salesforce moved to another instance is
 * followed, and a record two leads claim fails that one lead while the rest of "sync now" goes.
 */
class SalesforceOrgsIT {
    @TempDir
    static Path home;

    private static final MovableClock SANDBOX_CLOCK = new MovableClock();
    private static SalesforceSandbox sandbox;
    /** Another company's org, reached at its My Domain: another org id, records of its own. */
    private static SalesforceSandbox beta;
    private static RunningLeadSync leadSync;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SandboxBrowser browser = new SandboxBrowser();
    private final Map<String, io.leadsync.domain.workspace.WorkspaceId> workspaces = new java.util.HashMap<>();

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0, SANDBOX_CLOCK);
        beta = SalesforceSandbox.startOrg(0, "Beta Inc");
        leadSync = RunningLeadSync.start(home, Map.of(
                "leadsync.first-start.enabled", false,
                "leadsync.sync.worker.enabled", false,
                "leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID,
                "leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET,
                "leadsync.salesforce.login-url", sandbox.baseUrl(),
                "leadsync.salesforce.sandbox-login-url", sandbox.sandboxLoginUrl(),
                "leadsync.salesforce.my-domains", sandbox.myDomainUrl() + "," + beta.myDomainUrl(),
                "leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback"));
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        sandbox.close();
        beta.close();
    }

    @Test
    void a_connection_made_to_a_sandbox_org_logs_in_and_refreshes_at_the_sandbox_login_host() throws Exception {
        String key = workspaceKey("Sandboxed");
        String connection = connect(key, "{\"kind\":\"SALESFORCE\",\"loginHost\":\"SANDBOX\"}",
                sandbox.sandboxLoginUrl());
        assertThat(get(key, "/api/admin/v1/connections/" + connection).body())
                .contains("\"state\":\"CONNECTED\"", "\"loginHost\":\"SANDBOX\"");
        assertThat(tokenColumn(connection, "issuer")).isEqualTo(sandbox.sandboxLoginUrl());
        capture(key, "sb-1", "sb-1@sandboxed.example");
        SANDBOX_CLOCK.advance(Duration.ofHours(3));

        HttpResponse<String> synced = send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);

        // The sandbox honours this connection's refresh token at its sandbox login host only: at the production host
        // the refresh would have been refused and the connection would need re-authorisation.
        assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
        assertThat(synced.body()).contains("\"created\":1");
        assertThat(get(key, "/api/admin/v1/connections/" + connection).body()).contains("\"state\":\"CONNECTED\"");
    }

    @Test
    void a_my_domain_that_is_not_salesforces_is_refused_naming_the_field_and_nothing_is_created() throws Exception {
        String key = workspaceKey("Typo");

        HttpResponse<String> refused = send(key, "POST", "/api/admin/v1/connections",
                "{\"kind\":\"SALESFORCE\",\"loginHost\":\"MY_DOMAIN\",\"myDomainUrl\":\"http://acme.my.salesforce.com\"}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"pointer\":\"/myDomainUrl\"", "https://");
        assertThat(get(key, "/api/admin/v1/connections").body()).isEqualTo("{\"connections\":[]}");
    }

    @Test
    void a_my_domain_login_the_installation_accepts_is_kept_with_the_connection() throws Exception {
        String key = workspaceKey("Domained");

        String connection = connect(key, "{\"kind\":\"SALESFORCE\",\"loginHost\":\"MY_DOMAIN\",\"myDomainUrl\":\""
                + sandbox.myDomainUrl() + "\"}", sandbox.myDomainUrl());

        assertThat(get(key, "/api/admin/v1/connections/" + connection).body()).contains("\"loginHost\":\"MY_DOMAIN\"",
                "\"myDomainUrl\":\"" + sandbox.myDomainUrl() + "\"", "\"instanceUrl\":\"" + sandbox.myDomainUrl());
    }

    @Test
    void an_org_salesforce_moved_to_another_instance_is_followed_after_one_refusal() throws Exception {
        String key = workspaceKey("Moved");
        String connection = connect(key, "{\"kind\":\"SALESFORCE\"}", sandbox.baseUrl());
        capture(key, "mv-1", "mv-1@moved.example");
        assertThat(send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null).body())
                .contains("\"created\":1");

        String newInstance = sandbox.moveInstance();
        capture(key, "mv-2", "mv-2@moved.example");
        HttpResponse<String> synced = send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);

        assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
        assertThat(synced.body()).contains("\"created\":1", "\"updated\":1");
        assertThat(tokenColumn(connection, "instance_url")).isEqualTo(newInstance);
        assertThat(sandbox.records("Lead")).filteredOn(lead -> String.valueOf(lead.get("Email"))
                .endsWith("@moved.example")).hasSize(2);
        // The admin sees where the org lives now, beside which org it is and where it logs in.
        assertThat(get(key, "/api/admin/v1/connections/" + connection).body()).contains(
                "\"instanceUrl\":\"" + newInstance + "\"", "\"orgId\":\"" + SalesforceSandbox.ORG_ID + "\"",
                "\"loginHost\":\"PRODUCTION\"");
        String page = AdminApi.ownerBrowser(leadSync.context(), leadSync.url(), workspaces.get(key))
                .get("/app/connections/" + connection).body();
        assertThat(page).contains("data-testid=\"instance-url\">" + newInstance + "<",
                "data-testid=\"org-id\">" + SalesforceSandbox.ORG_ID + "<",
                "data-testid=\"login-host-kind\">Production<");
    }

    @Test
    void a_record_two_leads_claim_fails_that_one_lead_with_the_reason_and_the_rest_of_sync_now_goes()
            throws Exception {
        String key = workspaceKey("Claimed");
        String connection = connect(key, "{\"kind\":\"SALESFORCE\"}", null);
        capture(key, "cl-a", "cl-a@claimed.example");
        send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);
        String recordOfA = sandbox.records("Lead").stream()
                .filter(lead -> "cl-a@claimed.example".equals(lead.get("Email"))).findFirst().orElseThrow()
                .get("Id").toString();
        // A rep retypes the LeadSync lead id on A's record: an upsert of lead cl-b now finds A's record.
        sandbox.fieldAccess("Lead", "LeadSync_Lead_ID__c", "rep@acme.example", true, true);
        sandbox.editAsRep("Lead", recordOfA, Map.of("LeadSync_Lead_ID__c", "cl-b"));
        // Lead cl-a itself is not sent again (its e-mail is suppressed here), so its link to that record stays.
        assertThat(send(key, "PUT", "/api/admin/v1/connections/" + connection + "/suppressions",
                "{\"emails\":[\"cl-a@claimed.example\"],\"domains\":[]}").statusCode()).isEqualTo(200);
        capture(key, "cl-b", "cl-b@claimed.example");
        capture(key, "cl-c", "cl-c@claimed.example");
        capture(key, "cl-d", "cl-d@claimed.example");

        HttpResponse<String> synced = send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);

        assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
        assertThat(synced.body()).contains("\"created\":2", "\"leadId\":\"cl-b\"", "LINK_CONFLICT",
                "already linked to lead cl-a");
        assertThat(sandbox.records("Lead")).filteredOn(lead -> String.valueOf(lead.get("Email"))
                .matches("cl-[cd]@claimed\\.example")).hasSize(2);
        HttpResponse<String> again = send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);
        assertThat(again.statusCode()).as("sync now is never jammed by the one record").isEqualTo(200);
        // Nor is a pull that reads the retyped record.
        HttpResponse<String> pulled = send(key, "POST", "/api/admin/v1/connections/" + connection + "/pull", null);
        assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
        assertThat(pulled.body()).contains("\"stoppedBecause\":null");
    }

    @Test
    void connected_again_to_another_org_after_a_disconnect_every_lead_is_pushed_there_once() throws Exception {
        String key = workspaceKey("Switcher");
        String connection = connect(key, "{\"kind\":\"SALESFORCE\"}", sandbox.baseUrl());
        for (int i = 0; i < 3; i++) {
            capture(key, "sw-" + i, "sw-" + i + "@switcher.example");
        }
        assertThat(send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null).body())
                .contains("\"created\":3");
        assertThat(send(key, "DELETE", "/api/admin/v1/connections/" + connection, null).statusCode()).isEqualTo(200);

        String again = connect(key, "{\"kind\":\"SALESFORCE\",\"loginHost\":\"MY_DOMAIN\",\"myDomainUrl\":\""
                + beta.myDomainUrl() + "\"}", beta.myDomainUrl());
        HttpResponse<String> synced = send(key, "POST", "/api/admin/v1/connections/" + again + "/sync", null);
        HttpResponse<String> resynced = send(key, "POST", "/api/admin/v1/connections/" + again + "/sync", null);

        assertThat(again).as("the disconnected connection is connected again").isEqualTo(connection);
        assertThat(get(key, "/api/admin/v1/connections/" + again).body())
                .contains("\"orgId\":\"" + beta.orgId() + "\"", "\"orgName\":\"Beta Inc\"");
        assertThat(synced.body()).as(synced.body()).contains("\"created\":3", "\"failed\":[]");
        assertThat(resynced.body()).contains("\"created\":0", "\"updated\":3");
        assertThat(beta.records("Lead")).filteredOn(lead -> String.valueOf(lead.get("Email"))
                .endsWith("@switcher.example")).hasSize(3);
        assertThat(sandbox.records("Lead")).filteredOn(lead -> String.valueOf(lead.get("Email"))
                .endsWith("@switcher.example")).hasSize(3);
    }

    private void capture(String key, String leadId, String email) throws Exception {
        HttpResponse<String> captured = send(key, "POST", "/api/v1/leads", "{\"leadId\":\"" + leadId
                + "\",\"lastName\":\"" + unlike() + "\",\"workEmail\":\"" + email + "\",\"companyName\":\""
                + unlike() + " Inc\"}");
        assertThat(captured.statusCode()).as(captured.body()).isIn(200, 201);
    }

    /** Starts a connect over the admin API, logs in and consents where the authorize URL points, follows the callback. */
    private String connect(String key, String request, String expectedLoginHost) throws Exception {
        HttpResponse<String> started = send(key, "POST", "/api/admin/v1/connections", request);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String authorizeUrl = field(started.body(), "authorizeUrl");
        if (expectedLoginHost != null) {
            assertThat(authorizeUrl).startsWith(expectedLoginHost + "/services/oauth2/authorize?");
        }
        URI callback = browser.logInAndConsent(URI.create(authorizeUrl), "admin@acme.example", "sandbox", true);
        // Started with an API key, the connect completes once a member confirms in the browser (ADR 0045).
        HttpResponse<String> page = AdminApi.confirmedCallback(leadSync.context(), leadSync.url(), callback);
        assertThat(page.body()).as(page.body()).contains("Connected as admin@acme.example");
        return field(started.body(), "connectionId");
    }

    private String tokenColumn(String connection, String column) throws Exception {
        try (Connection db = leadSync.openDatabaseConnection(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select " + column + " from crm_tokens where connection_id = '"
                     + UUID.fromString(connection) + "'")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private String workspaceKey(String name) {
        Workspace workspace = leadSync.context().getBean(CreateWorkspaceUseCase.class)
                .create(new CreateWorkspaceCommand(name, name + " SDR"));
        String key = leadSync.context().getBean(IssueApiKeyUseCase.class)
                .issue(new IssueApiKeyCommand(workspace.id(), "admin", java.util.EnumSet.allOf(
                        io.leadsync.domain.workspace.ApiKeyScope.class))).secret();
        workspaces.put(key, workspace.id());
        return key;
    }

    private HttpResponse<String> get(String key, String path) throws Exception {
        return send(key, "GET", path, null);
    }

    private HttpResponse<String> send(String key, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leadSync.url() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }

    /** Salesforce's own time, moved forward to expire access tokens. */
    private static final class MovableClock extends java.time.Clock {
        private volatile java.time.Instant now = java.time.Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    /**
     * A name like no other lead's: real orgs' duplicate rules match a similar name and company, which would make
     * every lead after the first a duplicate of it.
     */
    private static String unlike() {
        StringBuilder word = new StringBuilder();
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 10).toCharArray()) {
            word.append((char) ('a' + Character.digit(c, 16)));
        }
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
