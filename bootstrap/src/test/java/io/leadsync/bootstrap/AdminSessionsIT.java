package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.AddMemberCommand;
import io.leadsync.application.port.in.administer.AddMemberUseCase;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.AdminSession;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin UI sessions kept on the server (ADR 0045), over plain HTTP: a cookie copied before logout, a password change
 * or the member's removal opens nothing afterwards; sessions end when idle and when too old (a movable clock, no
 * sleeping); each sign-in gets a new token; the user sees and ends their other sessions; the cookie is Secure behind
 * a trusted HTTPS proxy.
 */
class AdminSessionsIT {
    private static final String OWNER = "owner@sessions.example";
    private static final String PASSWORD = "owner-password-1";

    @TempDir
    static Path home;
    static RunningLeadSync leadSync;
    static MovableClock clock;
    static WorkspaceId workspace;

    @BeforeAll
    static void start() {
        leadSync = RunningLeadSync.start(home, Map.of(
                "leadsync.first-start.enabled", true,
                "leadsync.first-start.owner-email", OWNER,
                "leadsync.first-start.owner-password", PASSWORD,
                "leadsync.test.movable-clock", true,
                "leadsync.web.session.idle-timeout", "30m",
                "leadsync.web.session.absolute-lifetime", "8h",
                "leadsync.web.trusted-proxies", "127.0.0.1"));
        clock = leadSync.context().getBean(MovableClock.class);
        workspace = leadSync.context().getBean(WorkspaceRepository.class).all().get(0).id();
    }

    @AfterAll
    static void stop() {
        leadSync.close();
    }

    @Test
    void a_cookie_replayed_after_logout_is_sent_to_the_login_and_opens_no_api() throws Exception {
        WebClient browser = new WebClient(leadSync.url());
        assertThat(browser.logIn(OWNER, PASSWORD).statusCode()).isEqualTo(303);
        String copied = browser.sessionCookie();
        assertThat(replay(copied, "/app/settings").statusCode()).isEqualTo(200);

        assertThat(browser.submit("/app/settings", "/app/logout", "").headers().firstValue("Location"))
                .contains("/login");

        HttpResponse<String> replayed = replay(copied, "/app/settings");
        assertThat(replayed.statusCode()).isEqualTo(303);
        assertThat(replayed.headers().firstValue("Location").orElseThrow()).startsWith("/login");
        assertThat(replay(copied, "/api/admin/v1/connections").statusCode()).isEqualTo(401);
    }

    @Test
    void each_sign_in_gets_its_own_random_token_and_only_its_hash_is_stored() throws Exception {
        WebClient first = new WebClient(leadSync.url());
        WebClient second = new WebClient(leadSync.url());
        first.logIn(OWNER, PASSWORD);
        second.logIn(OWNER, PASSWORD);
        String token = first.sessionCookie();

        assertThat(token).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(second.sessionCookie());
        try (Connection db = leadSync.openDatabaseConnection();
             ResultSet rows = db.createStatement().executeQuery("select token_hash from admin_sessions")) {
            List<String> stored = new ArrayList<>();
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
            assertThat(stored).contains(AdminSession.hashOf(token)).doesNotContain(token);
        }
    }

    @Test
    void changing_the_password_ends_every_other_session_and_keeps_this_browser_signed_in() throws Exception {
        String email = "changer@sessions.example";
        addMember(email, Role.ADMIN, "first-password-1");
        WebClient laptop = new WebClient(leadSync.url());
        WebClient stolen = new WebClient(leadSync.url());
        laptop.logIn(email, "first-password-1");
        stolen.logIn(email, "first-password-1");

        HttpResponse<String> wrong = laptop.submit("/app/account", "/app/account/password",
                "currentPassword=nope-nope-nope&newPassword=second-password-2&confirmPassword=second-password-2");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("currentPassword: is not your current password");
        HttpResponse<String> changed = laptop.submit("/app/account", "/app/account/password",
                "currentPassword=first-password-1&newPassword=second-password-2&confirmPassword=second-password-2");

        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(changed.headers().firstValue("Location")).contains("/app/account?notice=password");
        assertThat(laptop.get("/app/account?notice=password").body()).contains("Password changed.");
        assertThat(stolen.get("/app/settings").statusCode()).isEqualTo(303);
        assertThat(new WebClient(leadSync.url()).logIn(email, "first-password-1").statusCode()).isEqualTo(401);
        assertThat(new WebClient(leadSync.url()).logIn(email, "second-password-2").statusCode()).isEqualTo(303);
    }

    @Test
    void removing_a_member_ends_their_sessions_in_that_workspace_at_once() throws Exception {
        String email = "leaver@sessions.example";
        addMember(email, Role.VIEWER, "leaver-password-1");
        WebClient leaver = new WebClient(leadSync.url());
        leaver.logIn(email, "leaver-password-1");
        assertThat(leaver.get("/app/integrations").statusCode()).isEqualTo(200);
        WebClient owner = new WebClient(leadSync.url());
        owner.logIn(OWNER, PASSWORD);
        String userId = leadSync.context().getBean(UserRepository.class).findByEmail(email).orElseThrow().id()
                .toString();

        HttpResponse<String> removed = owner.submit("/app/settings", "/app/settings/users/remove", "userId=" + userId);

        assertThat(removed.headers().firstValue("Location")).contains("/app/settings?notice=removed");
        assertThat(owner.get("/app/settings").body()).doesNotContain(email);
        assertThat(leaver.get("/app/integrations").statusCode()).isEqualTo(303);
        assertThat(leadSync.context().getBean(io.leadsync.application.port.in.administer.AdminSessionsUseCase.class)
                .sessionsOf(leadSync.context().getBean(UserRepository.class).findByEmail(email).orElseThrow().id()))
                .isEmpty();
    }

    @Test
    void the_account_page_lists_the_users_sessions_and_ends_another_one() throws Exception {
        String email = "traveller@sessions.example";
        addMember(email, Role.VIEWER, "traveller-password-1");
        WebClient desk = new WebClient(leadSync.url()).header("User-Agent", "DeskBrowser/1.0");
        WebClient phone = new WebClient(leadSync.url()).header("User-Agent", "PhoneBrowser/2.0")
                .header("X-Forwarded-For", "198.51.100.7");
        desk.logIn(email, "traveller-password-1");
        phone.logIn(email, "traveller-password-1");

        String page = desk.get("/app/account").body();
        assertThat(page).contains("DeskBrowser/1.0").contains("PhoneBrowser/2.0").contains("198.51.100.7")
                .contains("This browser");
        Matcher other = Pattern.compile("name=\"sessionId\" value=\"([^\"]+)\"").matcher(page);
        assertThat(other.find()).isTrue();
        assertThat(desk.submit("/app/account", "/app/account/sessions/end", "sessionId=" + other.group(1))
                .statusCode()).isEqualTo(303);

        assertThat(phone.get("/app/integrations").statusCode()).isEqualTo(303);
        assertThat(desk.get("/app/integrations").statusCode()).isEqualTo(200);
        assertThat(desk.get("/app/account").body()).doesNotContain("PhoneBrowser/2.0");
    }

    @Test
    void a_session_ends_when_idle_and_at_its_absolute_lifetime_however_busy() throws Exception {
        WebClient idle = new WebClient(leadSync.url());
        WebClient busy = new WebClient(leadSync.url());
        idle.logIn(OWNER, PASSWORD);
        busy.logIn(OWNER, PASSWORD);

        // A request every 25 minutes keeps a session with a 30-minute idle timeout going, up to 8 hours.
        for (int step = 1; step <= 19; step++) {
            clock.advance(Duration.ofMinutes(25));
            assertThat(busy.get("/app/integrations").statusCode()).as("%d minutes in", step * 25).isEqualTo(200);
            if (step == 2) {
                assertThat(idle.get("/app/integrations").statusCode()).as("idle for 50 minutes").isEqualTo(303);
            }
        }
        clock.advance(Duration.ofMinutes(25));
        assertThat(busy.get("/app/integrations").statusCode()).as("8 h 20 min after sign-in").isEqualTo(303);
    }

    @Test
    void the_cookie_is_secure_when_a_trusted_proxy_says_https_and_http_only_same_site_lax_always() throws Exception {
        String plain = new WebClient(leadSync.url()).logIn(OWNER, PASSWORD).headers()
                .allValues("Set-Cookie").stream().filter(c -> c.startsWith("leadsync_session=")).findFirst()
                .orElseThrow();
        String proxied = new WebClient(leadSync.url()).header("X-Forwarded-Proto", "https").logIn(OWNER, PASSWORD)
                .headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("leadsync_session="))
                .findFirst().orElseThrow();

        assertThat(plain).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .doesNotContainIgnoringCase("Secure");
        assertThat(proxied).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly");
    }

    @Test
    void without_an_operator_token_configured_the_operator_api_does_not_exist() throws Exception {
        WebClient client = new WebClient(leadSync.url());
        HttpResponse<String> answer = client.send(client.request("/api/operator/v1/workspaces")
                .header("Authorization", "Bearer anything").GET());

        assertThat(answer.statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> replay(String cookie, String path) throws Exception {
        return new WebClient(leadSync.url()).header("Cookie", "leadsync_session=" + cookie).get(path);
    }

    private static void addMember(String email, Role role, String password) {
        UserRepository users = leadSync.context().getBean(UserRepository.class);
        leadSync.context().getBean(AddMemberUseCase.class).add(new AddMemberCommand(workspace,
                users.findByEmail(OWNER).orElseThrow().id(), email, null, role, password));
    }
}
