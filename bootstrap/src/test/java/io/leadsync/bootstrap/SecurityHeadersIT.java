package io.leadsync.bootstrap;

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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security headers (issue 14) on every kind of answer a browser or agent gets: pages, API answers, problems, static
 * files; no inline script, handler or style in any page the CSP would block; no-store where a secret is shown; HSTS
 * only over HTTPS. AdminUiBrowserIT proves the admin UI still works in Chromium under this policy.
 */
class SecurityHeadersIT {
    private static final String OWNER = "owner@acme.example";
    private static final String PASSWORD = "owner-password-1";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path home;

    private static RunningLeadSync leadSync;
    private static AdminApi api;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        leadSync = RunningLeadSync.start(home, Map.of(
                "leadsync.first-start.enabled", true,
                "leadsync.first-start.owner-email", OWNER,
                "leadsync.first-start.owner-password", PASSWORD,
                "leadsync.web.trusted-proxies", "127.0.0.1"));
        api = new AdminApi(leadSync);
    }

    @AfterAll
    static void stop() {
        leadSync.close();
    }

    @Test
    void every_kind_of_answer_carries_the_policy_and_no_sniffing_framing_or_referrer() throws Exception {
        logIn();
        String key = api.workspaceKey("Headers");
        List<HttpResponse<String>> answers = List.of(get("/login"), get("/app/settings"), get("/app/integrations"),
                get("/api/v1/leads"), api.get(key, "/api/v1/leads"), api.get(key, "/api/admin/v1/connections"),
                get("/static/leadsync.css"), get("/static/htmx.min.js"), get("/no/such/page"), get("/health"));

        for (HttpResponse<String> answer : answers) {
            String what = answer.request().uri() + " (" + answer.statusCode() + ")";
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
                            "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(what).contains("same-origin");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(what).contains("DENY");
            assertThat(answer.headers().firstValue("Strict-Transport-Security")).as(what + " over HTTP").isEmpty();
        }
        assertThat(answers.get(3).statusCode()).isEqualTo(401);
        assertThat(answers.get(8).statusCode()).isEqualTo(404);
    }

    @Test
    void no_page_holds_an_inline_script_handler_or_style_the_policy_would_block() throws Exception {
        logIn();
        for (String path : List.of("/login", "/app/overview", "/app/overview?range=30d", "/app/integrations",
                "/app/integrations/new/webhook",
                "/app/integrations/new/web-to-lead", "/app/settings", "/app/api", "/app/leads", "/app/activity", "/app/errors",
                "/app/account")) {
            String page = path.equals("/login") ? HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(leadSync.url() + path)).build(), HttpResponse.BodyHandlers.ofString()).body()
                    : get(path).body();

            assertThat(page).as(path).contains("<script src=\"/static/htmx.min.js\"")
                    .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                    .doesNotContainPattern("(?i)\\son[a-z]+\\s*=")
                    .doesNotContainPattern("(?i)\\sstyle\\s*=")
                    .doesNotContainPattern("(?i)<style")
                    .doesNotContainPattern("(?i)javascript:");
        }
    }

    @Test
    void a_page_that_shows_a_new_api_key_is_not_stored_by_any_cache_and_static_files_may_be() throws Exception {
        logIn();
        Matcher token = CSRF.matcher(get("/app/settings").body());
        assertThat(token.find()).isTrue();

        HttpResponse<String> shown = post("/app/settings/keys", "_csrf=" + token.group(1) + "&name=agent-1");

        assertThat(shown.body()).contains("lsk_");
        assertThat(shown.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(get("/static/leadsync.css").headers().firstValue("Cache-Control")).isNotEqualTo(
                java.util.Optional.of("no-store"));
    }

    @Test
    void hsts_is_sent_when_a_trusted_proxy_says_the_request_came_over_https() throws Exception {
        HttpResponse<String> overHttps = browser.send(HttpRequest.newBuilder(URI.create(leadSync.url() + "/login"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(overHttps.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(hsts -> assertThat(hsts).startsWith("max-age=31536000"));
    }

    private void logIn() throws Exception {
        Matcher token = CSRF.matcher(get("/login").body());
        assertThat(token.find()).isTrue();
        post("/login", "_csrf=" + token.group(1) + "&email=" + URLEncoder.encode(OWNER, StandardCharsets.UTF_8)
                + "&password=" + PASSWORD);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(leadSync.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(leadSync.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
