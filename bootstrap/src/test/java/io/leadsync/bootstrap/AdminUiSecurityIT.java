package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.AddMemberCommand;
import io.leadsync.application.port.in.administer.AddMemberUseCase;
import io.leadsync.application.port.in.capture.LeadActionCommand;
import io.leadsync.application.port.in.capture.PerformLeadActionUseCase;
import io.leadsync.application.port.in.configure.CaptureRulesUseCase;
import io.leadsync.application.port.in.connect.CreateEndpointConnectionCommand;
import io.leadsync.application.port.in.connect.CreateEndpointConnectionUseCase;
import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.administer.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.connect.ListConnectionsQuery;
import io.leadsync.application.port.in.connect.ListConnectionsUseCase;
import io.leadsync.application.port.in.configure.RoutingRulesUseCase;
import io.leadsync.application.port.in.connect.StartConnectCommand;
import io.leadsync.application.port.in.connect.StartConnectUseCase;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin UI's guards over plain HTTP, without a browser (so they are checked wherever the tests run, Chromium or
 * not): no session, no page; no CSRF token, no change; a viewer changes nothing, through the pages or the admin API;
 * another workspace's data is not there.
 */
class AdminUiSecurityIT {
    private static final String OWNER = "owner@acme.example";
    private static final String PASSWORD = "owner-password-1";
    private static final String VIEWER = "viewer@acme.example";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path home;
    static RunningLeadSync leadSync;
    static WorkspaceId acme;
    static String acmeConnection;
    static String globexConnection;

    @BeforeAll
    static void start() {
        leadSync = RunningLeadSync.start(home, Map.of(
                // The test's webhook receivers listen on this machine: the operator's allow-list admits them.
                "leadsync.outbound.allowed-ranges", "127.0.0.1/32",
                "leadsync.first-start.enabled", true,
                "leadsync.first-start.owner-email", OWNER,
                "leadsync.first-start.owner-password", PASSWORD,
                "leadsync.salesforce.client-id", "id",
                "leadsync.salesforce.client-secret", "secret",
                "leadsync.salesforce.login-url", "http://localhost:9",
                "leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback",
                // The background push runs, so the Leads page can show a webhook's delivery done.
                "leadsync.sync.worker.enabled", true,
                "leadsync.sync.worker.interval", "50ms"));
        UserRepository users = leadSync.context().getBean(UserRepository.class);
        acme = leadSync.context().getBean(WorkspaceRepository.class).all().get(0).id();
        leadSync.context().getBean(AddMemberUseCase.class).add(new AddMemberCommand(acme,
                users.findByEmail(OWNER).orElseThrow().id(), VIEWER, "Vera", Role.VIEWER, "viewer-password-1"));
        StartConnectUseCase start = leadSync.context().getBean(StartConnectUseCase.class);
        acmeConnection = start.start(new StartConnectCommand(acme, CrmKind.SALESFORCE, "test")).connectionId().value()
                .toString();
        Workspace globex = leadSync.context().getBean(CreateWorkspaceUseCase.class)
                .create(new CreateWorkspaceCommand("Globex", "Globex SDR"));
        globexConnection = start.start(new StartConnectCommand(globex.id(), CrmKind.SALESFORCE, "test"))
                .connectionId().value().toString();
    }

    @AfterAll
    static void stop() {
        leadSync.close();
    }

    @Test
    void without_a_session_a_page_sends_to_the_login_and_a_change_is_refused() throws Exception {
        Client anonymous = new Client();

        HttpResponse<String> page = anonymous.get("/app/integrations");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location").orElseThrow()).startsWith("/login?next=");
        assertThat(anonymous.post("/app/settings/defaults", "productName=Hacked").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/admin/v1/connections").statusCode()).isEqualTo(401);
    }

    @Test
    void a_wrong_password_or_a_login_form_without_its_token_logs_nobody_in() throws Exception {
        Client client = new Client();
        assertThat(client.logIn(OWNER, "wrong-password").statusCode()).isEqualTo(401);
        assertThat(client.post("/login", "email=" + OWNER + "&password=" + PASSWORD).statusCode()).isEqualTo(403);
        assertThat(client.get("/app/integrations").statusCode()).isEqualTo(303);
    }

    @Test
    void with_single_sign_on_off_by_default_the_login_page_has_no_sso_button_and_its_paths_do_not_exist()
            throws Exception {
        Client anonymous = new Client();

        assertThat(anonymous.get("/login").body()).doesNotContain("Sign in with");
        assertThat(anonymous.get("/sso/login/sso").statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/sso/callback/sso?code=x&state=y").statusCode()).isEqualTo(404);
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_lax() throws Exception {
        HttpResponse<String> login = new Client().logIn(OWNER, PASSWORD);

        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("leadsync_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void a_change_without_a_valid_csrf_token_is_refused_and_with_it_is_made() throws Exception {
        Client owner = new Client();
        owner.logIn(OWNER, PASSWORD);

        assertThat(owner.post("/app/settings/defaults", "productName=No+token").statusCode()).isEqualTo(403);
        assertThat(owner.post("/app/settings/defaults", "_csrf=forged&productName=Forged").statusCode()).isEqualTo(403);
        assertThat(owner.api("PATCH", "/api/admin/v1/connections/" + acmeConnection, "{\"frequency\":\"HOURLY\"}", null)
                .statusCode()).isEqualTo(403);
        assertThat(productName()).isEqualTo("LeadSync Demo");

        assertThat(owner.post("/app/settings/defaults", owner.csrf() + "&productName=Acme+SDR").statusCode())
                .isEqualTo(303);
        assertThat(productName()).isEqualTo("Acme SDR");
        assertThat(owner.api("PATCH", "/api/admin/v1/connections/" + acmeConnection, "{\"frequency\":\"HOURLY\"}",
                owner.csrfValue()).statusCode()).isEqualTo(200);
    }

    @Test
    void a_viewer_reads_every_page_and_the_api_but_every_change_is_refused() throws Exception {
        Client viewer = new Client();
        viewer.logIn(VIEWER, "viewer-password-1");

        for (String page : new String[] {"/app/integrations", "/app/connections/" + acmeConnection, "/app/activity",
                "/app/errors", "/app/leads", "/app/settings", "/app/activity.csv"}) {
            assertThat(viewer.get(page).statusCode()).as(page).isEqualTo(200);
        }
        assertThat(viewer.api("GET", "/api/admin/v1/connections", null, null).statusCode()).isEqualTo(200);
        String token = viewer.csrf();
        assertThat(viewer.post("/app/settings/defaults", token + "&productName=Viewer").statusCode()).isEqualTo(403);
        assertThat(viewer.post("/app/settings/keys", token + "&name=viewer-key").statusCode()).isEqualTo(403);
        assertThat(viewer.post("/app/connections/" + acmeConnection + "/disconnect", token).statusCode())
                .isEqualTo(403);
        assertThat(viewer.api("DELETE", "/api/admin/v1/connections/" + acmeConnection, null, viewer.csrfValue())
                .statusCode()).isEqualTo(403);
        assertThat(leadSync.context().getBean(ListConnectionsUseCase.class).list(new ListConnectionsQuery(acme)))
                .allSatisfy(connection -> assertThat(connection.state().name()).isNotEqualTo("DISCONNECTED"));
        // Logging out is open to viewers too.
        assertThat(viewer.post("/app/logout", token).statusCode()).isEqualTo(303);
        assertThat(viewer.get("/app/integrations").statusCode()).isEqualTo(303);
    }

    @Test
    void another_workspaces_connection_is_not_found_by_page_form_or_api_and_its_workspace_cannot_be_switched_to()
            throws Exception {
        Client owner = new Client();
        owner.logIn(OWNER, PASSWORD);
        String token = owner.csrf();

        assertThat(owner.get("/app/connections/" + globexConnection).statusCode()).isEqualTo(404);
        assertThat(owner.get("/app/errors?connection=" + globexConnection).statusCode()).isEqualTo(404);
        assertThat(owner.post("/app/connections/" + globexConnection + "/disconnect", token).statusCode())
                .isEqualTo(404);
        assertThat(owner.api("GET", "/api/admin/v1/connections/" + globexConnection, null, null).statusCode())
                .isEqualTo(404);
        String globex = leadSync.context().getBean(WorkspaceRepository.class).all().stream()
                .filter(workspace -> workspace.name().equals("Globex")).findFirst().orElseThrow().id().toString();
        assertThat(owner.post("/app/switch", token + "&workspaceId=" + globex).statusCode()).isEqualTo(403);
        assertThat(owner.get("/app/integrations").body()).doesNotContain("Globex");
    }

    @Test
    void the_routing_for_agents_is_saved_from_the_settings_page_a_bad_rule_is_refused_with_its_reason_and_a_viewer_cannot_change_it()
            throws Exception {
        String webhook = webhook("http://127.0.0.1:9/leads");
        Client owner = new Client();
        owner.logIn(OWNER, PASSWORD);
        String token = owner.csrf();
        assertThat(owner.get("/app/settings").body()).contains("Where agents' leads go")
                .contains("name=\"defaultTargets\" value=\"" + webhook + "\"");

        HttpResponse<String> saved = owner.post("/app/settings/routing", token + "&defaultTargets=" + webhook
                + "&action.logActivity=" + webhook + "&agentId.0=sdr-agent-1&agent.0=" + webhook);
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).contains("/app/settings?notice=routing");
        RoutingRules rules = leadSync.context().getBean(RoutingRulesUseCase.class).rules(acme);
        assertThat(rules.defaults()).extracting(id -> id.value().toString()).containsExactly(webhook);
        assertThat(rules.byAction().get(AgentAction.LOG_ACTIVITY)).extracting(id -> id.value().toString())
                .containsExactly(webhook);
        assertThat(rules.byAgent().get("sdr-agent-1")).extracting(id -> id.value().toString())
                .containsExactly(webhook);
        String page = owner.get("/app/settings?notice=routing").body();
        assertThat(page).contains("Routing rules saved").contains("Default for agent sdr-agent-1")
                .contains("value=\"sdr-agent-1\"");

        // A malformed agent id, and another workspace's connection: refused with the reason, nothing changed.
        HttpResponse<String> refused = owner.post("/app/settings/routing", token + "&defaultTargets="
                + webhook + "&agentId.0=" + URLEncoder.encode("no spaces allowed", StandardCharsets.UTF_8)
                + "&agent.0=" + webhook);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("The routing rules were not saved").contains("Agent id")
                .contains("must be 1 to 80 characters");
        HttpResponse<String> foreign = owner.post("/app/settings/routing", token + "&defaultTargets="
                + globexConnection);
        assertThat(foreign.statusCode()).isEqualTo(422);
        assertThat(foreign.body()).contains("connection " + globexConnection + " names no connection of this workspace");
        assertThat(leadSync.context().getBean(RoutingRulesUseCase.class).rules(acme)).isEqualTo(rules);

        Client viewer = new Client();
        viewer.logIn(VIEWER, "viewer-password-1");
        String viewerPage = viewer.get("/app/settings").body();
        assertThat(viewerPage).contains("Default for agent sdr-agent-1").doesNotContain("Save routing");
        assertThat(viewer.post("/app/settings/routing", viewer.csrf()).statusCode()).isEqualTo(403);
        assertThat(leadSync.context().getBean(RoutingRulesUseCase.class).rules(acme)).isEqualTo(rules);
        leadSync.context().getBean(RoutingRulesUseCase.class).replace(acme, "test", RoutingRules.NONE);
    }

    @Test
    void the_leads_page_shows_a_webhook_delivery_done_a_lead_without_email_skipped_and_a_connection_never_sent_to()
            throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String hook = webhook("http://127.0.0.1:" + receiver.getAddress().getPort() + "/leads");
            PerformLeadActionUseCase agent = leadSync.context().getBean(PerformLeadActionUseCase.class);
            agent.perform(new LeadActionCommand(acme, "test", LeadActionCommand.Write.CAPTURE,
                    new LeadId("ui-state-mailed"), Map.of(LeadField.LAST_NAME, "Lovelace", LeadField.COMPANY_NAME,
                    "Analytical", LeadField.WORK_EMAIL, "ada@analytical.example"), Optional.empty(), List.of(), false));
            agent.perform(new LeadActionCommand(acme, "test", LeadActionCommand.Write.CAPTURE,
                    new LeadId("ui-state-no-email"), Map.of(LeadField.LAST_NAME, "Hopper", LeadField.COMPANY_NAME,
                    "Navy"), Optional.empty(), List.of(), false));
            Client owner = new Client();
            owner.logIn(OWNER, PASSWORD);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(state(owner, "ui-state-mailed", hook).equals("Delivered")
                    && state(owner, "ui-state-no-email", hook).startsWith("Skipped"))) {
                assertThat(System.nanoTime()).as("waited for the webhook's deliveries").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(state(owner, "ui-state-no-email", hook)).isEqualTo("Skipped: no work email");
            // A webhook made after both leads was never sent them: not "Waiting".
            String later = webhook("http://127.0.0.1:9/later");
            assertThat(state(owner, "ui-state-mailed", later)).isEqualTo("Not sent");
            assertThat(state(owner, "ui-state-no-email", later)).isEqualTo("Not sent");
            String list = owner.get("/app/leads").body();
            assertThat(cell(list, hook, "Delivered")).isTrue();
            assertThat(cell(list, hook, "Skipped: no work email")).isTrue();
            assertThat(cell(list, later, "Not sent")).isTrue();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void duplicate_detection_is_set_on_the_settings_page_a_bad_window_or_field_is_refused_and_a_viewer_cannot_set_it()
            throws Exception {
        CaptureRulesUseCase rules = leadSync.context().getBean(CaptureRulesUseCase.class);
        Client owner = new Client();
        owner.logIn(OWNER, PASSWORD);
        String token = owner.csrf();

        HttpResponse<String> saved = owner.post("/app/settings/duplicates", token
                + "&enabled=true&fields=workEmail&fields=linkedinUrl&windowDays=7");
        assertThat(saved.statusCode()).isEqualTo(303);
        DuplicateRule rule = rules.duplicateRule(acme);
        assertThat(rule).isEqualTo(new DuplicateRule(true, List.of(LeadField.WORK_EMAIL, LeadField.LINKEDIN_URL),
                Duration.ofDays(7)));
        assertThat(owner.get("/app/settings?notice=duplicates").body()).contains("Duplicate detection saved")
                .containsPattern("name=\"windowDays\"[^>]*value=\"7\"");

        HttpResponse<String> refused = owner.post("/app/settings/duplicates", token
                + "&enabled=true&fields=leadId&windowDays=0");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("The duplicate rule was not saved")
                .contains("Fields: leadId is not a lead field that can match")
                .contains("Window: must be a whole number of days from 1 to 366");
        assertThat(rules.duplicateRule(acme)).isEqualTo(rule);

        Client viewer = new Client();
        viewer.logIn(VIEWER, "viewer-password-1");
        assertThat(viewer.get("/app/settings").body()).contains("Duplicate detection")
                .doesNotContain("Save duplicate detection");
        assertThat(viewer.post("/app/settings/duplicates", viewer.csrf() + "&fields=workEmail&windowDays=1")
                .statusCode()).isEqualTo(403);
        assertThat(rules.duplicateRule(acme)).isEqualTo(rule);
        rules.replaceDuplicateRule(acme, "test", DuplicateRule.OFF);
    }

    @Test
    void a_connections_suppression_list_is_set_on_its_page_a_bad_entry_is_refused_and_a_viewer_cannot_set_it()
            throws Exception {
        CaptureRulesUseCase rules = leadSync.context().getBean(CaptureRulesUseCase.class);
        ConnectionId connection = new ConnectionId(java.util.UUID.fromString(acmeConnection));
        String page = "/app/connections/" + acmeConnection;
        Client owner = new Client();
        owner.logIn(OWNER, PASSWORD);
        String token = owner.csrf();

        HttpResponse<String> saved = owner.post(page + "/suppressions", token + "&emails="
                + URLEncoder.encode("ceo@client.example\nCFO@client.example", StandardCharsets.UTF_8)
                + "&domains=" + URLEncoder.encode("@competitor.example", StandardCharsets.UTF_8));
        assertThat(saved.statusCode()).isEqualTo(303);
        Suppressions suppressions = rules.suppressions(acme, connection);
        assertThat(suppressions.emails()).hasSize(2).contains("ceo@client.example");
        assertThat(suppressions.domains()).containsExactly("competitor.example");
        assertThat(owner.get(page + "?notice=suppressions").body()).contains("Suppression list saved")
                .contains("competitor.example");

        HttpResponse<String> refused = owner.post(page + "/suppressions", token + "&emails=not-an-email&domains="
                + URLEncoder.encode("bad domain!", StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("The suppression list was not saved")
                .contains("Emails: not-an-email must be an email address")
                .contains("must be a domain name such as competitor.example");
        assertThat(rules.suppressions(acme, connection)).isEqualTo(suppressions);

        Client viewer = new Client();
        viewer.logIn(VIEWER, "viewer-password-1");
        assertThat(viewer.get(page).body()).contains("competitor.example").doesNotContain("Save suppression list");
        assertThat(viewer.post(page + "/suppressions", viewer.csrf() + "&emails=").statusCode()).isEqualTo(403);
        assertThat(rules.suppressions(acme, connection)).isEqualTo(suppressions);
        rules.replaceSuppressions(acme, "test", connection, Suppressions.NONE);
    }

    @Test
    void a_webhook_is_connected_from_its_form_showing_the_secret_once_a_bad_url_is_refused_with_its_reason_and_a_viewer_gets_no_form()
            throws Exception {
        Client owner = new Client();
        owner.logIn(OWNER, PASSWORD);
        String token = owner.csrf();
        assertThat(owner.get("/app/integrations").body()).contains("href=\"/app/integrations/new/webhook\"")
                .contains("href=\"/app/integrations/new/web-to-lead\"");
        HttpResponse<String> form = owner.get("/app/integrations/new/webhook");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Endpoint URL").contains("type=\"password\" name=\"bearerToken\"");
        long before = webhooks();
        List<ConnectionId> earlier = leadSync.context().getBean(ListConnectionsUseCase.class)
                .list(new ListConnectionsQuery(acme)).stream().map(CrmConnection::id).toList();

        HttpResponse<String> bad = owner.post("/app/integrations/new/webhook", token + "&url="
                + URLEncoder.encode("ftp://127.0.0.1:9/leads", StandardCharsets.UTF_8) + "&bodyFormat=JSON"
                + "&bearerToken=tok-123");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("The connection was not created").contains("data-testid=\"error-url\"")
                .contains("must be an absolute http:// or https:// URL").doesNotContain("tok-123");
        assertThat(webhooks()).isEqualTo(before);

        HttpResponse<String> created = owner.post("/app/integrations/new/webhook", token + "&url="
                + URLEncoder.encode("http://127.0.0.1:9/leads", StandardCharsets.UTF_8) + "&bodyFormat=FORM"
                + "&bearerToken=tok-123&headerName=X-Api-Key&headerValue=k-1");
        assertThat(created.statusCode()).isEqualTo(200);
        Matcher secret = Pattern.compile("data-testid=\"new-secret-value\">([^<]+)<").matcher(created.body());
        assertThat(secret.find()).isTrue();
        assertThat(secret.group(1)).isNotBlank();
        assertThat(webhooks()).isEqualTo(before + 1);
        CrmConnection made = leadSync.context().getBean(ListConnectionsUseCase.class)
                .list(new ListConnectionsQuery(acme)).stream()
                .filter(connection -> !earlier.contains(connection.id())).findFirst().orElseThrow();
        assertThat(made.kind()).isEqualTo(CrmKind.WEBHOOK);
        assertThat(made.state()).isEqualTo(ConnectionState.CONNECTED);
        String again = owner.get("/app/integrations").body();
        assertThat(again).doesNotContain(secret.group(1));
        Matcher card = Pattern.compile("data-kind=\"WEBHOOK\".*?</section>", Pattern.DOTALL).matcher(again);
        assertThat(card.find()).isTrue();
        assertThat(card.group()).contains(">Connected<").contains("Manage").contains("Disconnect");

        // Web-to-Lead's form takes the org id and lead source; a wrong org id is named with its rule.
        assertThat(owner.get("/app/integrations/new/web-to-lead").body()).contains("name=\"orgId\"")
                .contains("name=\"leadSource\"");
        HttpResponse<String> badOrg = owner.post("/app/integrations/new/web-to-lead",
                token + "&orgId=acme&leadSource=AI");
        assertThat(badOrg.statusCode()).isEqualTo(422);
        assertThat(badOrg.body()).contains("data-testid=\"error-orgId\"").contains("must be a Salesforce org id")
                .contains("value=\"acme\"");

        Client viewer = new Client();
        viewer.logIn(VIEWER, "viewer-password-1");
        assertThat(viewer.get("/app/integrations").body()).doesNotContain("/app/integrations/new/webhook");
        HttpResponse<String> noForm = viewer.get("/app/integrations/new/webhook");
        assertThat(noForm.statusCode()).isEqualTo(403);
        assertThat(noForm.body()).doesNotContain("Endpoint URL");
        assertThat(viewer.post("/app/integrations/new/webhook", viewer.csrf() + "&url="
                + URLEncoder.encode("http://127.0.0.1:9/leads", StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
        assertThat(webhooks()).isEqualTo(before + 1);

        // Its page offers Disconnect as for the CRMs (disconnecting it here would leave a DISCONNECTED connection that
        // the viewer test counts on not existing).
        HttpResponse<String> page = owner.get("/app/connections/" + made.id().value());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/app/connections/" + made.id().value() + "/disconnect");
    }

    private static long webhooks() {
        return leadSync.context().getBean(ListConnectionsUseCase.class).list(new ListConnectionsQuery(acme)).stream()
                .filter(connection -> connection.kind() == CrmKind.WEBHOOK).count();
    }

    private static String webhook(String url) {
        return leadSync.context().getBean(CreateEndpointConnectionUseCase.class).create(
                new CreateEndpointConnectionCommand(acme, CrmKind.WEBHOOK, "test", Optional.of(url),
                        Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty())).connection().id().value().toString();
    }

    /** The label of the lead's state in one connection, as its page shows it. */
    private static String state(Client client, String leadId, String connection) throws Exception {
        Matcher badge = Pattern.compile("data-connection=\"" + connection + "\"[^>]*>([^<]*)<")
                .matcher(client.get("/app/leads/" + leadId).body());
        assertThat(badge.find()).as("%s's state in %s", leadId, connection).isTrue();
        return badge.group(1);
    }

    private static boolean cell(String page, String connection, String label) {
        return Pattern.compile("data-connection=\"" + connection + "\"[^>]*>" + Pattern.quote(label) + "<")
                .matcher(page).find();
    }

    private static String productName() {
        return leadSync.context().getBean(WorkspaceRepository.class).find(acme).orElseThrow().productName();
    }

    /** A browser-like client: keeps cookies, follows no redirects. */
    private static final class Client {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> logIn(String email, String password) throws Exception {
            Matcher token = CSRF.matcher(get("/login").body());
            assertThat(token.find()).isTrue();
            return post("/login", "_csrf=" + token.group(1) + "&email=" + URLEncoder.encode(email,
                    StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        }

        /** The {@code _csrf} form field of this session's pages. */
        String csrf() throws Exception {
            return "_csrf=" + csrfValue();
        }

        String csrfValue() throws Exception {
            Matcher token = CSRF.matcher(get("/app/settings").body());
            assertThat(token.find()).isTrue();
            return token.group(1);
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(leadSync.url() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(leadSync.url() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> api(String method, String path, String json, String csrfHeader) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leadSync.url() + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (csrfHeader != null) {
                request.header("X-CSRF-Token", csrfHeader);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
