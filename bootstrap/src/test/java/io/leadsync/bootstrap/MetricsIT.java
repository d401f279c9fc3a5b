package io.leadsync.bootstrap;

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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /metrics} (issue 16, ADR 0052) against a running LeadSync and the Salesforce sandbox: only the operator's
 * token opens it; it shows the families an operator's dashboard needs; a delivery moves them.
 */
class MetricsIT {
    private static final String TOKEN = "metrics-token-for-the-test-0123456789";

    @TempDir
    static Path home;
    static SalesforceSandbox salesforce;
    static RunningLeadSync leadSync;
    static AdminApi api;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        salesforce = SalesforceSandbox.start(0);
        leadSync = RunningLeadSync.start(home, Map.ofEntries(
                Map.entry("leadsync.first-start.enabled", false),
                Map.entry("leadsync.metrics.token", TOKEN),
                Map.entry("leadsync.alerts.enabled", false),
                Map.entry("leadsync.sync.worker.enabled", true),
                Map.entry("leadsync.sync.worker.interval", "200ms"),
                Map.entry("leadsync.sync.worker.initial-delay", "200ms"),
                Map.entry("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID),
                Map.entry("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET),
                Map.entry("leadsync.salesforce.login-url", salesforce.baseUrl()),
                Map.entry("leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback")));
        api = new AdminApi(leadSync);
    }

    @AfterAll
    static void stop() {
        if (leadSync != null) {
            leadSync.close();
        }
        if (salesforce != null) {
            salesforce.close();
        }
    }

    @Test
    void only_the_operators_token_reads_metrics_not_a_workspace_key_nor_nobody() throws Exception {
        String key = api.workspaceKey("Curious");

        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape("wrong-" + TOKEN).statusCode()).isEqualTo(401);
        assertThat(scrape(key).statusCode()).isEqualTo(401);
        assertThat(scrape(TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void a_delivery_moves_the_connection_and_crm_families_beside_jvm_http_and_pool_metrics() throws Exception {
        String key = api.workspaceKey("Acme");
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        URI redirect = new SandboxBrowser().logInAndConsent(URI.create(AdminApi.field(started.body(), "authorizeUrl")),
                "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        String connection = AdminApi.field(started.body(), "connectionId");
        assertThat(api.send(key, "PATCH", "/api/admin/v1/connections/" + connection, "{\"frequency\":\"REALTIME\"}")
                .statusCode()).isEqualTo(200);
        String before = scrape(TOKEN).body();
        assertThat(before).contains("# TYPE leadsync_connection_queue_depth gauge")
                .contains("# TYPE leadsync_connection_queue_oldest_due_age_seconds gauge")
                .contains("# TYPE leadsync_connection_budget_used_calls gauge")
                .contains("# TYPE leadsync_connection_failed_leads gauge")
                .contains("# TYPE leadsync_crm_rate_limited_total counter")
                .contains("# TYPE leadsync_token_refresh_failures_total counter")
                .contains("# TYPE leadsync_worker_cycle_seconds")
                .contains("jvm_memory_used_bytes").contains("http_server_requests_seconds_count")
                .contains("hikaricp_connections");
        double written = value(before, "leadsync_deliveries_total", "connection=\"" + connection + "\"",
                "outcome=\"written\"");
        double upserts = value(before, "leadsync_crm_calls_total", "crm=\"salesforce\"", "kind=\"upsert\"",
                "outcome=\"ok\"");

        assertThat(api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"metrics-1\",\"lastName\":\"Lovelace\","
                + "\"workEmail\":\"metrics-1@analytical.example\",\"companyName\":\"Analytical Engines\"}")
                .statusCode()).isEqualTo(201);

        waitUntil(() -> value(scrapeBody(), "leadsync_deliveries_total", "connection=\"" + connection + "\"",
                "outcome=\"written\"") == written + 1);
        String after = scrape(TOKEN).body();
        assertThat(value(after, "leadsync_crm_calls_total", "crm=\"salesforce\"", "kind=\"upsert\"",
                "outcome=\"ok\"")).isGreaterThan(upserts);
        assertThat(value(after, "leadsync_connection_budget_used_calls", "connection=\"" + connection + "\""))
                .isPositive();
        assertThat(value(after, "leadsync_connection_queue_depth", "connection=\"" + connection + "\"")).isZero();
        assertThat(value(after, "leadsync_connection_health", "connection=\"" + connection + "\"",
                "state=\"healthy\"")).isEqualTo(1);
        assertThat(value(after, "leadsync_worker_cycle_seconds_count")).isPositive();
    }

    @Test
    void the_probes_answer_up_once_the_database_answers_and_its_schema_is_migrated() throws Exception {
        for (String probe : new String[] {"/health", "/health/liveness", "/health/readiness"}) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(leadSync.url() + probe))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(answer.body()).as(probe).contains("\"status\":\"UP\"");
        }
        // Its details are not shown to anonymous callers (they name the database); read them from the indicator.
        MigrationsIndicator migrations = leadSync.context().getBean(MigrationsIndicator.class);
        assertThat(migrations.getHealthInformation()).containsEntry("failed", 0L).containsKey("schemaVersion")
                .hasEntrySatisfying("applied", applied -> assertThat((Long) applied).isPositive());
        assertThat(migrations.status()).isEqualTo(io.micronaut.health.HealthStatus.UP);
    }

    private static HttpResponse<String> scrape(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leadSync.url() + "/metrics")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String scrapeBody() {
        try {
            return scrape(TOKEN).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sample of {@code family} whose labels include every one given; 0 when there is none yet. */
    private static double value(String scrape, String family, String... labels) {
        Matcher samples = Pattern.compile("(?m)^" + family + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(scrape);
        while (samples.find()) {
            String found = samples.group(1) == null ? "" : samples.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                return Double.parseDouble(samples.group(2));
            }
        }
        return 0;
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited a minute for the delivery").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
