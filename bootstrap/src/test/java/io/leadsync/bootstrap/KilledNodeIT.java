package io.leadsync.bootstrap;

import io.leadsync.sandbox.hubspot.HubSpotBrowser;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8: a LeadSync node, a real process ({@code java -jar target/leadsync.jar}, as built by this module), is killed
 * with SIGKILL again and again while agents capture leads through it and it pushes them to Salesforce and HubSpot;
 * each time a new process is started on the same PostgreSQL. No lead is lost and none is duplicated in either CRM.
 *
 * <p>A killed node's leases (two minutes) are run out in the database while no node is alive, standing for the two
 * minutes passing (MultiNodePushIT shows the real wait). Short: 3 kills, 600 leads; {@code -Dresilience=full}: 10
 * kills during a 10,000-lead push. The database and every line the processes printed are scanned for secrets after.
 */
class KilledNodeIT {
    private static final Logger LOG = LoggerFactory.getLogger(KilledNodeIT.class);
    private static final int LEADS = Resilience.size(600, 10_000);
    private static final int KILLS = Resilience.size(3, 10);
    private static final String SF_ID = "LeadSync_Lead_ID__c";
    private static final String HS_ID = "leadsync_lead_id";

    @TempDir
    Path home;

    private EmbeddedDatabase database;
    private SalesforceSandbox salesforce;
    private HubSpotSandbox hubspot;
    private Process node;
    private int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() {
        if (node != null) {
            node.destroy();
            try {
                node.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (salesforce != null) {
            salesforce.close();
        }
        if (hubspot != null) {
            hubspot.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void a_node_process_killed_again_and_again_mid_push_loses_no_lead_and_duplicates_none() throws Exception {
        Path jar = Path.of("target/leadsync.jar");
        assertThat(jar).as("the runnable jar, built by this module's package phase").exists();
        salesforce = SalesforceSandbox.start(0);
        hubspot = HubSpotSandbox.start(0);
        database = EmbeddedDatabase.startTemporary();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        // Setup through a node in this JVM (no worker): the workspace, its key, both CRMs connected and REALTIME.
        // It writes the master key the processes then read, as a cluster shares one key file.
        String key;
        List<String> connections = new ArrayList<>();
        try (RunningLeadSync setup = RunningLeadSync.startNode(database, home, crmProperties())) {
            AdminApi api = new AdminApi(setup);
            key = api.workspaceKey("Killed");
            connections.add(connect(api, key, "SALESFORCE"));
            connections.add(connect(api, key, "HUBSPOT"));
            for (String connection : connections) {
                assertThat(api.send(key, "PATCH", "/api/admin/v1/connections/" + connection,
                        "{\"frequency\":\"REALTIME\"}").statusCode()).isEqualTo(200);
            }
        }
        // Calls take a while, as a CRM's do, so batches are in flight when the node dies.
        salesforce.latency(Duration.ofMillis(100));
        hubspot.latency(Duration.ofMillis(100));
        long started = System.nanoTime();
        startNode(jar);

        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService agents = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        // Captures are paced over the kills (about 8 s a kill: a restart and some pushing), so every kill meets work
        // in flight rather than a finished push.
        long paceNanos = Duration.ofSeconds(8L * KILLS).toNanos() / LEADS;
        long captureStart = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            running.add(agents.submit(() -> {
                for (int i = next.getAndIncrement(); i < LEADS; i = next.getAndIncrement()) {
                    long wait = captureStart + i * paceNanos - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    // An agent retries until LeadSync acknowledges the lead: a node that dies takes the answer along.
                    while (!captured(key, String.format("kill-%05d", i))) {
                        retries.incrementAndGet();
                        Thread.sleep(200);
                    }
                    acknowledged.incrementAndGet();
                }
                return null;
            }));
        }

        Random random = new Random(8);
        int killedHoldingALease = 0;
        List<String> kills = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            // Spread the kills over the run: each one a random moment after the node has been up and pushing.
            Thread.sleep(1_000 + random.nextInt(2_000));
            // Preferably while the node holds a lease on a batch it is sending.
            long leaseDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (count("select count(*) from deliveries where claimed_until > now()") == 0
                    && System.nanoTime() < leaseDeadline) {
                Thread.sleep(20);
            }
            long pushed = salesforceLeads().size() + hubspotLeads().size();
            node.destroyForcibly();
            assertThat(node.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long leased = count("select count(*) from deliveries where claimed_until > now()");
            killedHoldingALease += leased > 0 ? 1 : 0;
            kills.add(String.format("kill %d at %.1f s: %d acknowledged, %d records in the CRMs, %d deliveries leased",
                    kill + 1, (System.nanoTime() - started) / 1e9, acknowledged.get(), pushed, leased));
            // No node is alive: every lease is a dead node's. Two minutes pass.
            execute("update deliveries set claimed_until = now() - interval '1 second' where claimed_until > now()");
            execute("update pull_schedule set claimed_until = now() - interval '1 second' where claimed_until > now()");
            startNode(jar);
        }
        for (Future<?> agent : running) {
            agent.get();
        }
        agents.shutdown();
        await(() -> count("select count(*) from outbox where routed_at is null") == 0
                && count("select count(*) from deliveries where state = 'PENDING'") == 0, Duration.ofMinutes(10));
        double finished = (System.nanoTime() - started) / 1e9;

        assertThat(count("select count(*) from leads where lead_id like 'kill-%'")).isEqualTo(LEADS);
        assertThat(killedHoldingALease).as("kills that met a batch in flight").isPositive();
        assertThat(count("select count(*) from deliveries")).as("failed or skipped deliveries").isZero();
        List<String> inSalesforce = salesforceLeads();
        List<String> inHubSpot = hubspotLeads();
        assertThat(new HashSet<>(inSalesforce)).as("leads in Salesforce").hasSize(LEADS);
        assertThat(inSalesforce).as("Salesforce records (a duplicate would make more)").hasSize(LEADS);
        assertThat(new HashSet<>(inHubSpot)).as("leads in HubSpot").hasSize(LEADS);
        assertThat(inHubSpot).as("HubSpot contacts (a duplicate would make more)").hasSize(LEADS);

        Set<String> secrets = new HashSet<>(salesforce.liveTokens());
        secrets.addAll(hubspot.liveTokens());
        secrets.add(key);
        secrets.add(SalesforceSandbox.CLIENT_SECRET);
        secrets.add(HubSpotSandbox.CLIENT_SECRET);
        for (String line : Files.readAllLines(home.resolve("master.key"))) {
            if (line.startsWith("key.")) {
                secrets.add(line.substring(line.indexOf('=') + 1).trim());
            }
        }
        List<String> printed = Files.readAllLines(home.resolve("node.log"));
        try (Connection sql = openDatabase()) {
            assertThat(Resilience.secretsInDatabase(sql, secrets)).as("secrets in the database").isEmpty();
        }
        assertThat(Resilience.secretsIn(printed, secrets)).as("secrets in the processes' output").isEmpty();

        long upserts = salesforce.callCounts().entrySet().stream().filter(e -> e.getKey().contains("composite/sobjects"))
                .mapToLong(Map.Entry::getValue).sum();
        long batchUpserts = hubspot.callCounts().entrySet().stream()
                .filter(e -> e.getKey().contains("contacts/batch/upsert")).mapToLong(Map.Entry::getValue).sum();
        String figures = String.format("leads=%d kills=%d killedHoldingALease=%d agentRetries=%d allDelivered=%.1fs "
                        + "salesforceUpsertCalls=%d hubspotUpsertCalls=%d | %s", LEADS, KILLS, killedHoldingALease,
                retries.get(), finished, upserts, batchUpserts, String.join("; ", kills));
        LOG.info("KilledNodeIT figures: {}", figures);
        System.out.println("KilledNodeIT figures: " + figures);
    }

    private Map<String, Object> crmProperties() {
        return Map.of("leadsync.first-start.enabled", false,
                "leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID,
                "leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET,
                "leadsync.salesforce.login-url", salesforce.baseUrl(),
                "leadsync.salesforce.redirect-uri", "http://127.0.0.1:9/oauth/callback",
                "leadsync.hubspot.client-id", HubSpotSandbox.CLIENT_ID,
                "leadsync.hubspot.client-secret", HubSpotSandbox.CLIENT_SECRET,
                "leadsync.hubspot.api-url", hubspot.baseUrl(),
                "leadsync.hubspot.authorize-url", hubspot.baseUrl() + "/oauth/authorize",
                "leadsync.hubspot.redirect-uri", "http://127.0.0.1:9/oauth/callback");
    }

    /** A LeadSync process as an operator runs one node of a cluster: its settings in the environment. */
    private void startNode(Path jar) throws Exception {
        Map<String, Object> db = database.datasourceProperties();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Dleadsync.first-start.enabled=false",
                "-jar", jar.toAbsolutePath().toString());
        Map<String, String> env = builder.environment();
        env.put("LEADSYNC_PORT", Integer.toString(port));
        env.put("LEADSYNC_DATABASE_URL", (String) db.get("datasources.default.url"));
        env.put("LEADSYNC_DATABASE_USER", (String) db.get("datasources.default.username"));
        env.put("LEADSYNC_DATABASE_PASSWORD", (String) db.get("datasources.default.password"));
        env.put("LEADSYNC_CRYPTO_KEY_FILE", home.resolve("master.key").toString());
        env.put("LEADSYNC_HOME", home.resolve("node-home").toString());
        env.put("LEADSYNC_SYNC_WORKER_INTERVAL", "200ms");
        env.put("LEADSYNC_SALESFORCE_CLIENT_ID", SalesforceSandbox.CLIENT_ID);
        env.put("LEADSYNC_SALESFORCE_CLIENT_SECRET", SalesforceSandbox.CLIENT_SECRET);
        env.put("LEADSYNC_SALESFORCE_LOGIN_URL", salesforce.baseUrl());
        env.put("LEADSYNC_SALESFORCE_REDIRECT_URI", "http://127.0.0.1:" + port + "/oauth/callback");
        env.put("LEADSYNC_HUBSPOT_CLIENT_ID", HubSpotSandbox.CLIENT_ID);
        env.put("LEADSYNC_HUBSPOT_CLIENT_SECRET", HubSpotSandbox.CLIENT_SECRET);
        env.put("LEADSYNC_HUBSPOT_API_URL", hubspot.baseUrl());
        env.put("LEADSYNC_HUBSPOT_AUTHORIZE_URL", hubspot.baseUrl() + "/oauth/authorize");
        env.put("LEADSYNC_HUBSPOT_REDIRECT_URI", "http://127.0.0.1:" + port + "/oauth/callback");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("node.log").toFile()));
        node = builder.start();
        Process started = node;
        await(() -> {
            assertThat(started.isAlive()).as("the node process is running (see node.log)").isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).GET()
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, Duration.ofMinutes(2));
    }

    private boolean captured(String key, String leadId) {
        try {
            int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/leads"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"leadId\":\"" + leadId + "\",\"firstName\":\"Grace\","
                            + "\"lastName\":\"Hopper\",\"companyName\":\"Navy\",\"workEmail\":\"" + leadId
                            + "@killed.example\"}"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            // 200: a retry finds the lead the dead node stored before its answer was lost.
            return status == 201 || status == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String connect(AdminApi api, String key, String kind) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"" + kind + "\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = kind.equals("SALESFORCE")
                ? new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true)
                : new HubSpotBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).body()).contains("Connected as");
        return AdminApi.field(started.body(), "connectionId");
    }

    private List<String> salesforceLeads() {
        return salesforce.records("Lead").stream().map(r -> String.valueOf(r.get(SF_ID)))
                .filter(id -> id.startsWith("kill-")).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> hubspotLeads() {
        return hubspot.records("contacts").stream().filter(r -> !Boolean.TRUE.equals(r.get("archived")))
                .map(r -> String.valueOf(((Map<String, Object>) r.get("properties")).get(HS_ID)))
                .filter(id -> id.startsWith("kill-")).toList();
    }

    private Connection openDatabase() throws SQLException {
        Map<String, Object> properties = database.datasourceProperties();
        return DriverManager.getConnection((String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"),
                (String) properties.get("datasources.default.password"));
    }

    private long count(String sql) {
        try (Connection connection = openDatabase(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = openDatabase(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static void await(BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", patience).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }
}
