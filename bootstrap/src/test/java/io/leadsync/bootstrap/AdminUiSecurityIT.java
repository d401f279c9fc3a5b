package io.leadsync.bootstrap;

import io.leadsync.application.port.in.AddMemberCommand;
import io.leadsync.application.port.in.AddMemberUseCase;
import io.leadsync.application.port.in.CreateWorkspaceCommand;
import io.leadsync.application.port.in.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.ListConnectionsQuery;
import io.leadsync.application.port.in.ListConnectionsUseCase;
import io.leadsync.application.port.in.StartConnectCommand;
import io.leadsync.application.port.in.StartConnectUseCase;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
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
                "leadsync.first-start.enabled", true,
                "leadsync.first-start.owner-email", OWNER,
                "leadsync.first-start.owner-password", PASSWORD,
                "leadsync.salesforce.client-id", "id",
                "leadsync.salesforce.client-secret", "secret",
                "leadsync.salesforce.login-url", "http://localhost:9",
                "leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback"));
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
        assertThat(page.headers().firstValue("Location")).contains("/login");
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
