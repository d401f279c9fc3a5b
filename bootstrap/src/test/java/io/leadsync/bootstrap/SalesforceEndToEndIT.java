package io.leadsync.bootstrap;

import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.administer.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;
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
import java.util.UUID;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's "done when" for Salesforce, through the whole running LeadSync on PostgreSQL and the Salesforce sandbox
 * over real HTTP: an admin connects through the login and consent pages, provisioning makes the org ready, captured
 * leads reach Salesforce in native batches, re-syncing never duplicates, and no token is stored in plain text.
 */
class SalesforceEndToEndIT {
    @TempDir
    static Path home;

    /** Salesforce's own time, moved forward to expire access tokens the way a long-running sync sees them expire. */
    private static final SandboxClock SANDBOX_CLOCK = new SandboxClock();
    private static SalesforceSandbox sandbox;
    private static RunningLeadSync leadSync;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SandboxBrowser browser = new SandboxBrowser();

    /** Every log event of the whole run, to check that no token or key is ever logged. */
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    @BeforeAll
    static void start() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);
        LOGS.start();
        root.addAppender(LOGS);
        sandbox = SalesforceSandbox.start(0, SANDBOX_CLOCK);
        leadSync = RunningLeadSync.start(home, Map.of(
                "leadsync.first-start.enabled", false,
                "leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID,
                "leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET,
                "leadsync.salesforce.login-url", sandbox.baseUrl(),
                "leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback"));
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        sandbox.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    }

    /** The callback page the last connect ended on. */
    private String lastCallbackPage;

    @Test
    void an_admin_connects_and_450_leads_reach_salesforce_in_three_calls_without_duplicates() throws Exception {
        String key = workspaceKey("Acme");
        String connection = connect(key, "admin@acme.example");

        assertThat(get(key, "/api/admin/v1/connections/" + connection).body())
                .contains("\"state\":\"CONNECTED\"").contains("\"userEmail\":\"admin@acme.example\"")
                .contains("\"orgName\":\"Acme Corp\"");

        for (int i = 0; i < 450; i++) {
            HttpResponse<String> captured = send(key, "POST", "/api/v1/leads", "{\"leadId\":\"lead-" + i
                    + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"workEmail\":\"lead-" + i
                    + "@analytical.example\",\"companyName\":\"Analytical Engines\",\"outreachScore\":" + (i % 100) + "}");
            assertThat(captured.statusCode()).isEqualTo(201);
        }
        send(key, "POST", "/api/v1/leads", "{\"leadId\":\"no-email\",\"lastName\":\"Byron\",\"companyName\":\"Poets\"}");
        long compositeCallsBefore = compositeCalls();

        HttpResponse<String> first = send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);
        HttpResponse<String> second = send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);

        assertThat(first.body()).contains("\"created\":450").contains("\"crmCalls\":3")
                .contains("\"leadId\":\"no-email\"").contains("no work email");
        assertThat(second.body()).contains("\"created\":0").contains("\"updated\":450");
        assertThat(compositeCalls() - compositeCallsBefore).isEqualTo(6);
        // The org is shared with the other tests here: count this workspace's leads.
        assertThat(sandbox.records("Lead")).filteredOn(lead -> String.valueOf(lead.get("Email")).endsWith("@analytical.example"))
                .hasSize(450).allSatisfy(lead -> assertThat(lead.get("LeadSource")).isEqualTo("Acme SDR"));
        assertNoPlainTokens();
    }

    @Test
    void a_new_lead_goes_to_the_rep_the_orgs_rule_names_and_keeps_the_owner_a_rep_gives_it() throws Exception {
        String key = workspaceKey("Cyberdyne");
        String connection = connect(key, "admin@acme.example");
        send(key, "POST", "/api/v1/leads", "{\"leadId\":\"routed\",\"lastName\":\"Connor\",\"workEmail\":"
                + "\"sarah@cyberdyne.example\",\"companyName\":\"Cyberdyne\"}");
        send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);
        Map<String, Object> lead = salesforceLead("routed");
        // The sandbox's active Lead assignment rule gives new leads to the rep, as the admin set it up.
        assertThat(lead.get("OwnerId")).isEqualTo(sandbox.userId("rep@acme.example"));

        String admin = sandbox.userId("admin@acme.example");
        sandbox.editAsRep("Lead", (String) lead.get("Id"), Map.of("OwnerId", admin));
        assertThat(send(key, "PATCH", "/api/v1/leads/routed", "{\"jobTitle\":\"Founder\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> synced = send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);

        assertThat(synced.body()).contains("\"updated\":1");
        assertThat(salesforceLead("routed")).containsEntry("Title", "Founder").containsEntry("OwnerId", admin);
    }

    @Test
    void with_assignment_rules_off_for_new_leads_a_new_lead_stays_with_the_connected_user() throws Exception {
        String key = workspaceKey("Weyland");
        String connection = connect(key, "admin@acme.example");
        assertThat(get(key, "/api/admin/v1/connections/" + connection).body())
                .contains("\"assignNewLeadsByRules\":true");

        HttpResponse<String> off = send(key, "PATCH", "/api/admin/v1/connections/" + connection,
                "{\"assignNewLeadsByRules\":false}");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(off.body()).contains("\"assignNewLeadsByRules\":false");
        send(key, "POST", "/api/v1/leads", "{\"leadId\":\"kept-home\",\"lastName\":\"Ripley\",\"workEmail\":"
                + "\"ripley@weyland.example\",\"companyName\":\"Weyland\"}");
        send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);

        assertThat(salesforceLead("kept-home")).containsEntry("OwnerId", sandbox.userId("admin@acme.example"));
    }

    @Test
    void a_lead_whose_email_a_rep_entered_first_is_linked_to_the_reps_lead_one_lead_in_the_org() throws Exception {
        String key = workspaceKey("Tyrell");
        String connection = connect(key, "admin@acme.example");
        // The org's standard duplicate rules are active, as in a new org: LeadSync's create is refused first.
        String repToken = (String) sandbox.tokensFor("rep@acme.example").get("access_token");
        HttpResponse<String> entered = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                        + "/services/data/v62.0/sobjects/Lead")).header("Authorization", "Bearer " + repToken)
                .header("Content-Type", "application/json").header("Sforce-Auto-Assign", "FALSE")
                .POST(HttpRequest.BodyPublishers.ofString("{\"LastName\":\"Batty\",\"Company\":\"Tyrell\","
                        + "\"Email\":\"roy@tyrell.example\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.statusCode()).as(entered.body()).isEqualTo(201);
        String repsLead = field(entered.body(), "id");

        send(key, "POST", "/api/v1/leads", "{\"leadId\":\"roy\",\"lastName\":\"Batty\",\"workEmail\":"
                + "\"roy@tyrell.example\",\"companyName\":\"Tyrell\"}");
        HttpResponse<String> synced = send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);

        assertThat(synced.body()).contains("\"updated\":1");
        assertThat(sandbox.records("Lead")).filteredOn(l -> "roy@tyrell.example".equals(l.get("Email")))
                .singleElement().satisfies(l -> assertThat(l).containsEntry("Id", repsLead)
                        .containsEntry("LeadSync_Lead_ID__c", "roy")
                        .containsEntry("OwnerId", sandbox.userId("rep@acme.example")));
    }

    private static Map<String, Object> salesforceLead(String leadId) {
        return sandbox.records("Lead").stream().filter(l -> leadId.equals(l.get("LeadSync_Lead_ID__c"))).findFirst()
                .orElseThrow();
    }

    @Test
    void a_standard_user_ends_in_needs_setup_naming_the_missing_permission() throws Exception {
        String key = workspaceKey("Globex");

        String connection = connect(key, "rep@acme.example");

        String status = get(key, "/api/admin/v1/connections/" + connection).body();
        assertThat(status).contains("\"state\":\"NEEDS_SETUP\"").contains("may not create custom fields");
        assertThat(lastCallbackPage).contains("<h1>Needs setup</h1>", "connection needs setup before it can sync",
                "connect as a System Administrator").doesNotContain("Connected");
        // The status carries the whole check: the problem's kind and the fix an admin can follow.
        assertThat(status).contains("\"readiness\":{\"ready\":false").contains("\"kind\":\"MISSING_PERMISSION\"")
                .contains("\"fix\":\"connect as a System Administrator");
        assertThat(send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null).statusCode())
                .isEqualTo(409);
    }

    @Test
    void disconnecting_stops_syncing_forgets_the_tokens_and_keeps_the_records() throws Exception {
        String key = workspaceKey("Initech");
        String connection = connect(key, "admin@acme.example");
        send(key, "POST", "/api/v1/leads", "{\"leadId\":\"kept\",\"lastName\":\"Kept\",\"workEmail\":\"kept@initech.example\","
                + "\"companyName\":\"Initech\"}");
        send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);
        int records = sandbox.records("Lead").size();

        HttpResponse<String> disconnected = send(key, "DELETE", "/api/admin/v1/connections/" + connection, null);

        assertThat(disconnected.body()).contains("\"state\":\"DISCONNECTED\"");
        assertThat(tokensOf(connection)).isZero();
        assertThat(send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null).statusCode())
                .isEqualTo(409);
        assertThat(sandbox.records("Lead")).hasSize(records);
    }

    @Test
    void another_workspace_cannot_see_or_touch_the_connection() throws Exception {
        String key = workspaceKey("Umbrella");
        String connection = connect(key, "admin@acme.example");
        String intruder = workspaceKey("Intruder");

        assertThat(get(intruder, "/api/admin/v1/connections/" + connection).statusCode()).isEqualTo(404);
        assertThat(send(intruder, "DELETE", "/api/admin/v1/connections/" + connection, null).statusCode()).isEqualTo(404);
        assertThat(get(intruder, "/api/admin/v1/connections").body()).doesNotContain(connection);
    }

    @Test
    void an_access_token_that_expired_is_refreshed_once_and_every_lead_still_lands() throws Exception {
        String key = workspaceKey("Soylent");
        String connection = connect(key, "admin@acme.example");
        for (int i = 0; i < 5; i++) {
            send(key, "POST", "/api/v1/leads", "{\"leadId\":\"s-" + i + "\",\"lastName\":\"Green\",\"workEmail\":\"s" + i
                    + "@soylent.example\",\"companyName\":\"Soylent\"}");
        }
        SANDBOX_CLOCK.advance(Duration.ofHours(3));
        long refreshesBefore = sandbox.callCounts().getOrDefault("POST /services/oauth2/token", 0L);

        HttpResponse<String> synced = send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);

        assertThat(synced.body()).contains("\"created\":5").contains("\"crmCalls\":2");
        assertThat(sandbox.callCounts().get("POST /services/oauth2/token") - refreshesBefore).isEqualTo(1);
    }

    @Test
    void a_refresh_token_revoked_at_salesforce_puts_the_connection_in_needs_reauth() throws Exception {
        String key = workspaceKey("Wonka");
        String connection = connect(key, "admin@acme.example");
        send(key, "POST", "/api/v1/leads", "{\"leadId\":\"w-1\",\"lastName\":\"Wonka\",\"workEmail\":\"w@wonka.example\","
                + "\"companyName\":\"Wonka\"}");
        CrmTokens tokens = leadSync.context().getBean(TokenVault.class).find(workspaceOf(key), new ConnectionId(UUID.fromString(connection)))
                .orElseThrow();
        http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/services/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder.encode(tokens.refreshToken().orElseThrow(),
                        java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> synced = send(key, "POST", "/api/admin/v1/connections/" + connection + "/sync", null);

        assertThat(synced.body()).contains("needs to be authorised again");
        assertThat(get(key, "/api/admin/v1/connections/" + connection).body()).contains("\"state\":\"NEEDS_REAUTH\"");
    }

    /** Starts a connect over the admin API, logs in and consents on the sandbox's pages, follows the callback. */
    private String connect(String key, String username) throws Exception {
        HttpResponse<String> started = send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String authorizeUrl = field(started.body(), "authorizeUrl");
        String connection = field(started.body(), "connectionId");

        URI callback = browser.logInAndConsent(URI.create(authorizeUrl), username, "sandbox", true);
        // Started with an API key: the admin confirms in the browser the CRM sent back (ADR 0045).
        HttpResponse<String> page = AdminApi.confirmedCallback(leadSync.context(), leadSync.url(), callback);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        // The rep's connection ends in NEEDS_SETUP: its page says so instead of "Connected" (its test checks the rest).
        assertThat(page.body()).contains((username.startsWith("rep@") ? "Signed in as " : "Connected as ") + username
                + " to Acme Corp");
        lastCallbackPage = page.body();
        return connection;
    }

    private final Map<String, WorkspaceId> workspaces = new java.util.HashMap<>();

    private WorkspaceId workspaceOf(String key) {
        return workspaces.get(key);
    }

    private String workspaceKey(String name) {
        Workspace workspace = leadSync.context().getBean(CreateWorkspaceUseCase.class)
                .create(new CreateWorkspaceCommand(name, name + " SDR"));
        String key = leadSync.context().getBean(IssueApiKeyUseCase.class)
                .issue(new IssueApiKeyCommand(workspace.id(), "admin", java.util.EnumSet.allOf(ApiKeyScope.class))).secret();
        workspaces.put(key, workspace.id());
        return key;
    }

    /** Collections writes: upserts by lead id and updates by record Id (linked leads, ADR 0079). */
    private long compositeCalls() {
        return sandbox.callCounts().getOrDefault("PATCH /services/data/vXX.X/composite/sobjects/Lead/{externalIdField}", 0L)
                + sandbox.callCounts().getOrDefault("PATCH /services/data/vXX.X/composite/sobjects", 0L);
    }

    @Test
    void no_access_token_refresh_token_or_api_key_is_ever_logged() throws Exception {
        String key = workspaceKey("Hooli");
        connect(key, "admin@acme.example");
        String tokenPrefix = SalesforceSandbox.ORG_ID.substring(0, 15) + "!";

        // Appending happens under the appender's lock on other threads (the server's, the sandbox's): copy under it.
        List<ILoggingEvent> events;
        synchronized (LOGS) {
            events = new ArrayList<>(LOGS.list);
        }
        assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(event.getFormattedMessage())
                .doesNotContain(tokenPrefix).doesNotContain(key).doesNotContain(SalesforceSandbox.CLIENT_SECRET));
    }

    private void assertNoPlainTokens() throws Exception {
        List<String> stored = new ArrayList<>();
        try (Connection connection = leadSync.openDatabaseConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select access_token, refresh_token from crm_tokens")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
                stored.add(rows.getString(2));
            }
        }
        // Salesforce access tokens start with the org id and '!'; stored ones are AES-GCM ciphertexts.
        assertThat(stored).isNotEmpty().allSatisfy(value -> assertThat(value).startsWith("v1:").doesNotContain("!"));
    }

    private long tokensOf(String connection) throws Exception {
        try (Connection db = leadSync.openDatabaseConnection(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from crm_tokens where connection_id = '"
                     + java.util.UUID.fromString(connection) + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private HttpResponse<String> get(String key, String path) throws Exception {
        return send(key, "GET", path, null);
    }

    private HttpResponse<String> send(String key, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leadSync.url() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
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

    /** A clock the test moves forward. */
    private static final class SandboxClock extends java.time.Clock {
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
}
