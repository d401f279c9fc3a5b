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
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text PostgreSQL cannot store (NUL, lone UTF-16 surrogates) is refused with 422 naming the field in APIs and forms,
 * and never stored altered; a NUL in a query parameter is 400; a page past the end is an empty page (issue 14).
 */
class UnstorableTextIT {
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
                "leadsync.first-start.owner-password", PASSWORD));
        api = new AdminApi(leadSync);
    }

    @AfterAll
    static void stop() {
        leadSync.close();
    }

    @Test
    void a_lone_surrogate_or_nul_in_a_lead_or_activity_is_422_naming_the_field_and_nothing_is_stored()
            throws Exception {
        String key = api.workspaceKey("Surrogates");
        assertThat(api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"ok-1\",\"lastName\":\"Doe\"}").statusCode())
                .isEqualTo(201);

        HttpResponse<String> lead = api.send(key, "POST", "/api/v1/leads",
                "{\"leadId\":\"bad-1\",\"lastName\":\"Doe\",\"firstName\":\"Ada\\ud800\",\"jobTitle\":\"C\\u0000TO\"}");
        HttpResponse<String> activity = api.send(key, "POST", "/api/v1/leads/ok-1/activities",
                "{\"type\":\"EMAIL\",\"subject\":\"Hello\",\"body\":\"broken \\udc00 text\"}");
        HttpResponse<String> update = api.send(key, "PATCH", "/api/v1/leads/ok-1", "{\"jobTitle\":\"\\udbff\"}");

        assertThat(lead.statusCode()).isEqualTo(422);
        assertThat(lead.body()).contains("\"pointer\":\"/firstName\"", "\"pointer\":\"/jobTitle\"", "cannot be stored");
        assertThat(activity.statusCode()).isEqualTo(422);
        assertThat(activity.body()).contains("\"pointer\":\"/body\"");
        assertThat(update.statusCode()).isEqualTo(422);
        assertThat(update.body()).contains("\"pointer\":\"/jobTitle\"");
        assertThat(count("select count(*) from leads where lead_id = 'bad-1'")).isZero();
        assertThat(count("select count(*) from activities")).isZero();
        assertThat(api.get(key, "/api/v1/leads/ok-1").body()).doesNotContain("\"jobTitle\":\"?\"");
    }

    @Test
    void a_nul_in_a_query_parameter_is_400_and_a_page_past_the_end_is_empty() throws Exception {
        String key = api.workspaceKey("Queries");
        logIn();

        assertThat(api.get(key, "/api/admin/v1/audit?leadId=%00").statusCode()).isEqualTo(400);
        assertThat(api.get(key, "/api/v1/leads?agentId=%00").statusCode()).isEqualTo(400);
        assertThat(get("/app/leads?q=%00").statusCode()).isEqualTo(400);
        assertThat(get("/app/activity?lead=%00").statusCode()).isEqualTo(400);
        HttpResponse<String> farPage = api.get(key, "/api/v1/leads?page=2147483647");
        assertThat(farPage.statusCode()).isEqualTo(200);
        assertThat(farPage.body()).contains("\"leads\":[]");
        assertThat(get("/app/leads?page=2147483647").statusCode()).isEqualTo(200);
    }

    @Test
    void a_form_field_with_a_nul_is_422_naming_it_and_the_setting_is_unchanged() throws Exception {
        logIn();
        Matcher token = CSRF.matcher(get("/app/settings").body());
        assertThat(token.find()).isTrue();

        HttpResponse<String> refused = post("/app/settings/defaults", "_csrf=" + token.group(1) + "&productName="
                + URLEncoder.encode("Acme\u0000SDR", StandardCharsets.UTF_8));
        HttpResponse<String> hook = post("/app/integrations/new/webhook", "_csrf=" + token.group(1) + "&url="
                + URLEncoder.encode("https://hooks.example/leads", StandardCharsets.UTF_8)
                + "&headerName=X-Key&headerValue=%00");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("productName", "Nothing was saved");
        assertThat(hook.statusCode()).isEqualTo(422);
        assertThat(hook.body()).contains("headerValue");
        assertThat(get("/app/settings").body()).doesNotContain("Acme\u0000SDR");
        assertThat(count("select count(*) from workspaces where product_name like 'Acme%SDR'")).isZero();
    }

    private void logIn() throws Exception {
        Matcher token = CSRF.matcher(get("/login").body());
        assertThat(token.find()).isTrue();
        post("/login", "_csrf=" + token.group(1) + "&email=" + URLEncoder.encode(OWNER, StandardCharsets.UTF_8)
                + "&password=" + PASSWORD);
    }

    private static long count(String sql) throws Exception {
        try (Connection database = leadSync.openDatabaseConnection();
             ResultSet rows = database.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
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
