package io.leadsync.bootstrap;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login throttling (ADR 0046) over HTTP, on a movable clock instead of sleeps: growing waits and a lockout answered
 * 429 with Retry-After and the wait in words, the right password refused during the lockout and accepted after it,
 * an unknown email answered exactly as a known one, a client address throttled across accounts, and the audit.
 * Each test logs in from its own client address, through a trusted proxy's X-Forwarded-For.
 */
class LoginThrottlingIT {
    private static final String OWNER = "owner@throttle.example";
    private static final String PASSWORD = "owner-password-1";
    private static final Pattern ERROR = Pattern.compile("data-testid=\"login-error\">([^<]*)<");

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
                "leadsync.web.trusted-proxies", "127.0.0.1"));
        clock = leadSync.context().getBean(MovableClock.class);
        workspace = leadSync.context().getBean(WorkspaceRepository.class).all().get(0).id();
    }

    @AfterAll
    static void stop() {
        leadSync.close();
    }

    @Test
    void repeated_failures_end_in_a_429_lockout_that_refuses_even_the_right_password_until_it_is_over()
            throws Exception {
        WebClient guesser = from("203.0.113.10");
        int failures = 0;
        List<Long> waits = new ArrayList<>();
        while (failures < 10) {
            HttpResponse<String> answer = guesser.logIn(OWNER, "guess-" + failures);
            if (answer.statusCode() == 429) {
                long wait = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
                waits.add(wait);
                clock.advance(Duration.ofSeconds(wait));
            } else {
                assertThat(answer.statusCode()).isEqualTo(401);
                failures++;
            }
        }
        // Three free failures, then waits that double (1 s, 2 s, ... 32 s) before the lockout.
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L);

        HttpResponse<String> locked = guesser.logIn(OWNER, PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).contains("900");
        assertThat(error(locked)).isEqualTo("Too many failed attempts. For your security, logging in is paused: "
                + "try again in 15 minutes.");

        clock.advance(Duration.ofMinutes(14));
        HttpResponse<String> stillLocked = from("203.0.113.11").logIn(OWNER, PASSWORD);
        assertThat(stillLocked.statusCode()).as("another address, same account").isEqualTo(429);
        assertThat(stillLocked.headers().firstValue("Retry-After")).contains("60");
        assertThat(error(stillLocked)).endsWith("try again in 1 minute.");

        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> after = guesser.logIn(OWNER, PASSWORD);
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(guesser.get("/app/integrations").statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_email_gets_the_same_answers_as_a_known_one() throws Exception {
        List<String> known = answers(from("203.0.113.20"), OWNER);
        clock.advance(Duration.ofMinutes(16));
        List<String> unknown = answers(from("203.0.113.21"), "nobody@throttle.example");

        assertThat(unknown).isEqualTo(known);
        assertThat(known).containsExactly(
                "401 That email and password do not match an account.",
                "401 That email and password do not match an account.",
                "401 That email and password do not match an account.",
                "401 That email and password do not match an account.",
                "429 1 Too many failed attempts. For your security, logging in is paused: try again in 1 second.");
        clock.advance(Duration.ofMinutes(16));
    }

    @Test
    void one_client_address_trying_many_accounts_is_throttled_too() throws Exception {
        WebClient sprayer = from("203.0.113.30");
        for (int account = 1; account <= 11; account++) {
            assertThat(sprayer.logIn("user" + account + "@spray.example", "password-1234").statusCode())
                    .as("account %d", account).isEqualTo(401);
        }

        HttpResponse<String> throttled = sprayer.logIn(OWNER, PASSWORD);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("1");
        assertThat(from("203.0.113.31").logIn(OWNER, PASSWORD).statusCode()).as("another address").isEqualTo(303);
    }

    @Test
    void failed_and_throttled_logins_are_audited_in_the_accounts_workspace_without_the_password() throws Exception {
        WebClient client = from("203.0.113.40");
        for (int i = 0; i < 5; i++) {
            client.logIn(OWNER, "secret-guess-" + i);
        }
        clock.advance(Duration.ofMinutes(16));

        List<AuditEntry> entries = leadSync.context().getBean(AuditLog.class).recent(workspace, 500).stream()
                .filter(entry -> entry.detail().contains("203.0.113.40")).toList();
        assertThat(entries).extracting(AuditEntry::action).contains("login.failed", "login.throttled");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("user:" + OWNER);
            assertThat(entry.detail()).doesNotContain("secret-guess");
        });
    }

    /** Five wrong passwords in a row, at once: each answer's status, Retry-After and message. */
    private static List<String> answers(WebClient client, String email) throws Exception {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> answer = client.logIn(email, "wrong-password-" + i);
            answers.add(answer.statusCode() + answer.headers().firstValue("Retry-After").map(s -> " " + s).orElse("")
                    + " " + error(answer));
        }
        return answers;
    }

    private static String error(HttpResponse<String> page) {
        Matcher matcher = ERROR.matcher(page.body());
        assertThat(matcher.find()).as("the login page's message in " + page.body()).isTrue();
        return matcher.group(1).replace("&#39;", "'");
    }

    private static WebClient from(String address) {
        return new WebClient(leadSync.url()).header("X-Forwarded-For", address);
    }
}
