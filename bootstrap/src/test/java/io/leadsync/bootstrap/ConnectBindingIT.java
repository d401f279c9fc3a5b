package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.administer.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAuth connects bound to the admin who started them (ADR 0045), against the Salesforce sandbox's real login and
 * consent: an anonymous callback connects nothing until a member confirms in that browser; another browser, or the
 * attacker who started a connect and lured a victim admin into approving it, gets nothing; the admin's own connect
 * from the Integrations page completes in one go.
 */
class ConnectBindingIT {
    private static final String PASSWORD = "binding-password-1";

    @TempDir
    static Path home;
    static SalesforceSandbox salesforce;
    static RunningLeadSync leadSync;

    @BeforeAll
    static void start() {
        salesforce = SalesforceSandbox.start(0);
        leadSync = RunningLeadSync.start(home, Map.of(
                "leadsync.first-start.enabled", false,
                "leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID,
                "leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET,
                "leadsync.salesforce.login-url", salesforce.baseUrl(),
                "leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback"));
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        salesforce.close();
    }

    @Test
    void an_api_started_connect_reaching_an_anonymous_browser_connects_nothing_until_a_member_confirms_there()
            throws Exception {
        Workspace poets = workspace("Poets");
        String owner = owner("ada@poets.example", poets);
        String key = key(poets);
        HttpResponse<String> started = api(key, "POST", "{\"kind\":\"SALESFORCE\"}");
        String connection = AdminApi.field(started.body(), "connectionId");
        URI redirect = consent(started);

        WebClient browser = new WebClient(leadSync.url());
        HttpResponse<String> callback = browser.get("/oauth/callback?" + redirect.getRawQuery());
        assertThat(callback.statusCode()).isEqualTo(303);
        String confirm = callback.headers().firstValue("Location").orElseThrow();
        assertThat(confirm).startsWith("/app/connect/confirm?state=");
        assertThat(state(key, connection)).isNotEqualTo("CONNECTED");
        assertThat(browser.get("/oauth/callback?" + redirect.getRawQuery()).body())
                .as("the same callback again").contains("already used");

        // Another browser, even signed in as the owner, cannot redeem the code: it lacks the nonce cookie.
        WebClient elsewhere = new WebClient(leadSync.url());
        elsewhere.logIn(owner, PASSWORD);
        assertThat(elsewhere.get(confirm).statusCode()).isEqualTo(404);
        assertThat(elsewhere.submit("/app/account", "/app/connect/confirm", "state=" + stateOf(confirm))
                .body()).contains("Connection failed");
        assertThat(state(key, connection)).isNotEqualTo("CONNECTED");

        HttpResponse<String> toLogin = browser.get(confirm);
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).startsWith("/login?next=");
        assertThat(browser.logIn(toLogin.headers().firstValue("Location").orElseThrow(), owner, PASSWORD)
                .headers().firstValue("Location")).contains(confirm);
        String page = browser.get(confirm).body();
        assertThat(page).contains("Salesforce").contains("data-testid=\"target-workspace\">Poets<");
        HttpResponse<String> confirmed = browser.submit(confirm, "/app/connect/confirm", "state=" + stateOf(confirm));

        assertThat(confirmed.body()).contains("Connected as admin@acme.example to Acme Corp.");
        assertThat(state(key, connection)).isEqualTo("CONNECTED");
    }

    @Test
    void a_victim_admin_approving_an_attackers_connect_hands_the_attacker_nothing() throws Exception {
        Workspace evil = workspace("Evil");
        String attacker = owner("mallory@evil.example", evil);
        String evilKey = key(evil);
        Workspace victims = workspace("Victims");
        String victim = owner("victor@victims.example", victims);
        HttpResponse<String> started = api(evilKey, "POST", "{\"kind\":\"SALESFORCE\"}");
        String connection = AdminApi.field(started.body(), "connectionId");
        URI redirect = consent(started);

        WebClient victimBrowser = new WebClient(leadSync.url());
        victimBrowser.logIn(victim, PASSWORD);
        HttpResponse<String> callback = victimBrowser.get("/oauth/callback?" + redirect.getRawQuery());
        String confirm = callback.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = victimBrowser.get(confirm);
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Not your workspace").doesNotContain("Evil");
        assertThat(victimBrowser.submit("/app/account", "/app/connect/confirm", "state=" + stateOf(confirm))
                .statusCode()).isEqualTo(403);

        WebClient attackerBrowser = new WebClient(leadSync.url());
        attackerBrowser.logIn(attacker, PASSWORD);
        assertThat(attackerBrowser.get(confirm).statusCode()).isEqualTo(404);
        assertThat(attackerBrowser.submit("/app/account", "/app/connect/confirm", "state=" + stateOf(confirm))
                .body()).contains("Connection failed");
        assertThat(state(evilKey, connection)).isNotEqualTo("CONNECTED");
    }

    @Test
    void the_admins_own_connect_from_the_integrations_page_completes_in_the_same_browser_at_once() throws Exception {
        Workspace own = workspace("Own");
        String owner = owner("olga@own.example", own);
        WebClient browser = new WebClient(leadSync.url());
        browser.logIn(owner, PASSWORD);

        HttpResponse<String> toCrm = browser.submit("/app/integrations", "/app/integrations/connect",
                "kind=SALESFORCE");
        URI redirect = new SandboxBrowser().logInAndConsent(URI.create(toCrm.headers().firstValue("Location")
                .orElseThrow()), "admin@acme.example", "sandbox", true);
        HttpResponse<String> callback = browser.get("/oauth/callback?" + redirect.getRawQuery());

        assertThat(callback.statusCode()).isEqualTo(200);
        assertThat(callback.body()).contains("Connected as admin@acme.example to Acme Corp.");
    }

    private static URI consent(HttpResponse<String> started) throws Exception {
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return new SandboxBrowser().logInAndConsent(URI.create(AdminApi.field(started.body(), "authorizeUrl")),
                "admin@acme.example", "sandbox", true);
    }

    private static String state(String key, String connection) throws Exception {
        return AdminApi.field(api(key, "GET", null, "/api/admin/v1/connections/" + connection).body(), "state");
    }

    private static String stateOf(String confirm) {
        return confirm.substring(confirm.indexOf("state=") + "state=".length());
    }

    private static HttpResponse<String> api(String key, String method, String json) throws Exception {
        return api(key, method, json, "/api/admin/v1/connections");
    }

    private static HttpResponse<String> api(String key, String method, String json, String path) throws Exception {
        java.net.http.HttpRequest.Builder request = new WebClient(leadSync.url()).request(path)
                .header("Authorization", "Bearer " + key)
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return new WebClient(leadSync.url()).send(request);
    }

    private static Workspace workspace(String name) {
        return leadSync.context().getBean(CreateWorkspaceUseCase.class)
                .create(new CreateWorkspaceCommand(name, name + " SDR"));
    }

    private static String key(Workspace workspace) {
        return leadSync.context().getBean(IssueApiKeyUseCase.class)
                .issue(new IssueApiKeyCommand(workspace.id(), "admin", ApiKeyScope.ADMIN)).secret();
    }

    private static String owner(String email, Workspace workspace) {
        UserRepository users = leadSync.context().getBean(UserRepository.class);
        User user = new User(new UserId(UUID.randomUUID()), email, null,
                leadSync.context().getBean(PasswordHasher.class).hash(PASSWORD), Instant.now());
        users.insert(user);
        users.saveMembership(new Membership(workspace.id(), user.id(), Role.OWNER));
        return email;
    }
}
