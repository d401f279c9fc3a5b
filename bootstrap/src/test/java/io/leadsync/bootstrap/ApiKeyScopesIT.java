package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys carry scopes (ADR 0048): an agent key cannot administer the workspace, an admin key cannot act as an agent,
 * a key from before scopes keeps both until an admin narrows it, and the Settings form issues a key of the chosen
 * scope. Through the HTTP interfaces an agent, a script and a browser use.
 */
class ApiKeyScopesIT {
    private static final String OWNER = "owner@scopes.example";
    private static final String PASSWORD = "owner-password-1";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern NEW_KEY = Pattern.compile("data-testid=\"new-key-secret\">(lsk_[^<]+)<");
    private static final String LEAD = "{\"leadId\":\"%s\",\"lastName\":\"Lovelace\",\"workEmail\":\"ada@scopes.example\"}";

    @TempDir
    static Path home;
    static RunningLeadSync leadSync;
    static WorkspaceId workspace;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static String firstStartConsole;

    @BeforeAll
    static void start() {
        // The first start prints its keys on the console only (never to a log): read them where an admin would.
        PrintStream original = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            leadSync = RunningLeadSync.start(home, Map.of(
                    "leadsync.first-start.enabled", true,
                    "leadsync.first-start.owner-email", OWNER,
                    "leadsync.first-start.owner-password", PASSWORD));
        } finally {
            System.setOut(original);
        }
        firstStartConsole = console.toString(StandardCharsets.UTF_8);
        workspace = leadSync.context().getBean(WorkspaceRepository.class).all().get(0).id();
    }

    @Test
    void the_first_start_prints_an_agent_key_and_an_admin_key_each_labelled_and_each_opening_only_its_api()
            throws Exception {
        Matcher agent = Pattern.compile("Agent key \\(scope agent[^\\n]*\\n\\s+(lsk_\\S+)")
                .matcher(firstStartConsole);
        Matcher admin = Pattern.compile("Admin key \\(scope admin[^\\n]*\\n\\s+(lsk_\\S+)")
                .matcher(firstStartConsole);
        assertThat(agent.find()).as(firstStartConsole).isTrue();
        assertThat(admin.find()).as(firstStartConsole).isTrue();

        assertThat(call(agent.group(1), "POST", "/api/v1/leads", LEAD.formatted("first-start")).statusCode())
                .isEqualTo(201);
        assertThat(call(agent.group(1), "GET", "/api/admin/v1/connections", null).statusCode()).isEqualTo(403);
        assertThat(call(admin.group(1), "GET", "/api/admin/v1/connections", null).statusCode()).isEqualTo(200);
        assertThat(call(admin.group(1), "GET", "/api/v1/leads/first-start", null).statusCode()).isEqualTo(403);
    }

    @AfterAll
    static void stop() {
        leadSync.close();
    }

    @Test
    void a_key_created_with_the_agent_scope_captures_leads_and_gets_403_naming_admin_on_the_admin_api()
            throws Exception {
        Browser owner = Browser.signedIn();

        HttpResponse<String> created = owner.post("/app/settings/keys", owner.csrf() + "&name=SDR+agent&scope=agent");

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("data-testid=\"new-key-scope\">agent<");
        String key = secretOn(created.body());
        assertThat(call(key, "POST", "/api/v1/leads", LEAD.formatted("scoped-agent")).statusCode()).isEqualTo(201);
        HttpResponse<String> admin = call(key, "GET", "/api/admin/v1/connections", null);
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(admin.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(admin.body()).contains("\"missingScope\":\"admin\"").contains("needs an API key with the scope admin");
        // A change is refused the same way, and nothing is created.
        HttpResponse<String> webhook = call(key, "POST", "/api/admin/v1/connections",
                "{\"kind\":\"WEBHOOK\",\"url\":\"https://hooks.example/leads\"}");
        assertThat(webhook.statusCode()).isEqualTo(403);
        assertThat(owner.get("/app/settings").body()).contains("SDR agent");
    }

    @Test
    void a_key_created_with_the_admin_scope_works_on_the_admin_api_and_not_on_the_agent_api() throws Exception {
        Browser owner = Browser.signedIn();

        HttpResponse<String> created = owner.post("/app/settings/keys", owner.csrf() + "&name=Ops+script&scope=admin");

        assertThat(created.body()).contains("data-testid=\"new-key-scope\">admin<");
        String key = secretOn(created.body());
        assertThat(call(key, "GET", "/api/admin/v1/connections", null).statusCode()).isEqualTo(200);
        assertThat(call(key, "GET", "/api/admin/v1/routing", null).statusCode()).isEqualTo(200);
        HttpResponse<String> agent = call(key, "POST", "/api/v1/leads", LEAD.formatted("scoped-admin"));
        assertThat(agent.statusCode()).isEqualTo(403);
        assertThat(agent.body()).contains("\"missingScope\":\"agent\"");
        assertThat(call(key, "GET", "/api/v1/leads/scoped-admin", null).statusCode()).isEqualTo(403);
        // The list shows each key's scope.
        String settings = owner.get("/app/settings").body();
        assertThat(row(settings, "Ops script")).contains(">admin<");
    }

    @Test
    void the_key_form_refuses_a_key_without_a_known_scope() throws Exception {
        Browser owner = Browser.signedIn();

        HttpResponse<String> refused = owner.post("/app/settings/keys", owner.csrf() + "&name=Nameless+power&scope=root");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Choose what the key may do").doesNotContain("new-key-secret");
        assertThat(owner.get("/app/settings").body()).doesNotContain("Nameless power");
    }

    @Test
    void a_key_from_before_scopes_works_on_both_apis_until_an_admin_keeps_only_agent() throws Exception {
        String key = leadSync.context().getBean(IssueApiKeyUseCase.class).issue(new IssueApiKeyCommand(workspace,
                "legacy agent", EnumSet.of(ApiKeyScope.AGENT, ApiKeyScope.ADMIN))).secret();
        assertThat(call(key, "POST", "/api/v1/leads", LEAD.formatted("legacy")).statusCode()).isEqualTo(201);
        assertThat(call(key, "GET", "/api/admin/v1/connections", null).statusCode()).isEqualTo(200);
        Browser owner = Browser.signedIn();
        String settings = owner.get("/app/settings").body();
        assertThat(row(settings, "legacy agent")).contains("agent + admin (from before scopes)");

        Matcher id = Pattern.compile("name=\"keyId\" value=\"([^\"]+)\"").matcher(row(settings, "legacy agent"));
        assertThat(id.find()).isTrue();
        HttpResponse<String> narrowed = owner.post("/app/settings/keys/narrow",
                owner.csrf() + "&keyId=" + id.group(1) + "&scope=agent");

        assertThat(narrowed.statusCode()).isEqualTo(303);
        assertThat(call(key, "GET", "/api/admin/v1/connections", null).statusCode()).isEqualTo(403);
        assertThat(call(key, "GET", "/api/v1/leads/legacy", null).statusCode()).isEqualTo(200);
        assertThat(row(owner.get("/app/settings").body(), "legacy agent")).contains(">agent<")
                .doesNotContain("from before scopes");
    }

    @Test
    void a_key_cannot_be_given_a_scope_it_does_not_have() throws Exception {
        Browser owner = Browser.signedIn();
        owner.post("/app/settings/keys", owner.csrf() + "&name=Only+agent&scope=agent");
        Matcher id = Pattern.compile("name=\"keyId\" value=\"([^\"]+)\"")
                .matcher(row(owner.get("/app/settings").body(), "Only agent"));
        assertThat(id.find()).isTrue();

        HttpResponse<String> widened = owner.post("/app/settings/keys/narrow",
                owner.csrf() + "&keyId=" + id.group(1) + "&scope=admin");

        assertThat(widened.statusCode()).isEqualTo(404);
        assertThat(row(owner.get("/app/settings").body(), "Only agent")).contains(">agent<");
    }

    private static String secretOn(String page) {
        Matcher secret = NEW_KEY.matcher(page);
        assertThat(secret.find()).as("the new key on the page").isTrue();
        return secret.group(1);
    }

    /** The table row of the key named {@code name} on the Settings page. */
    private static String row(String page, String name) {
        int at = page.indexOf("data-key=\"" + name + "\"");
        assertThat(at).as("a row for " + name).isNotNegative();
        return page.substring(at, page.indexOf("</tr>", at));
    }

    private static HttpResponse<String> call(String key, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leadSync.url() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A browser signed in as the owner: keeps cookies, follows no redirects. */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        static Browser signedIn() throws Exception {
            Browser browser = new Browser();
            Matcher token = CSRF.matcher(browser.get("/login").body());
            assertThat(token.find()).isTrue();
            HttpResponse<String> login = browser.post("/login", "_csrf=" + token.group(1) + "&email="
                    + URLEncoder.encode(OWNER, StandardCharsets.UTF_8) + "&password=" + PASSWORD);
            assertThat(login.statusCode()).isEqualTo(303);
            return browser;
        }

        String csrf() throws Exception {
            Matcher token = CSRF.matcher(get("/app/settings").body());
            assertThat(token.find()).isTrue();
            return "_csrf=" + token.group(1);
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
    }
}
