package io.leadsync.bootstrap;

import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.application.port.in.CreateWorkspaceCommand;
import io.leadsync.application.port.in.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.IssueApiKeyCommand;
import io.leadsync.application.port.in.IssueApiKeyUseCase;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.sandbox.faults.Fault;
import io.leadsync.sandbox.hubspot.HubSpotBrowser;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's resilience suite, on one running LeadSync (worker on, every 200 ms) with Salesforce and HubSpot sandboxes
 * and a PostgreSQL server the test can stop and start again on the same port. In order: malformed agent requests,
 * every endpoint with another workspace's credentials and ids, a flaky CRM, PostgreSQL going away mid-run, and last
 * the database and every log line of the run scanned for secrets in clear. The SIGKILLed processes are
 * {@link KilledNodeIT}. Sizes: short by default, the issue's with {@code -Dresilience=full} (docs/RELIABILITY.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIT {
    private static final Logger LOG = LoggerFactory.getLogger(ResilienceIT.class);
    private static final Duration CRM_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(20);
    private static final String SF_ID = "LeadSync_Lead_ID__c";
    private static final String HS_ID = "leadsync_lead_id";

    @TempDir
    static Path home;

    private static Resilience.LogCapture logs;
    private static int databasePort;
    private static EmbeddedPostgres postgres;
    private static SalesforceSandbox salesforce;
    private static HubSpotSandbox hubspot;
    private static EmbeddedServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> API_KEYS = ConcurrentHashMap.newKeySet();
    private static final Map<String, String> FIGURES = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        logs = new Resilience.LogCapture();
        salesforce = SalesforceSandbox.start(0);
        hubspot = HubSpotSandbox.start(0);
        try (ServerSocket socket = new ServerSocket(0)) {
            databasePort = socket.getLocalPort();
        }
        startPostgres();
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres");
        properties.put("datasources.default.username", "postgres");
        properties.put("datasources.default.password", "");
        // A dead database must not hang a request for Hikari's default 30 s: agents see the failure and retry.
        properties.put("datasources.default.connection-timeout", 3000);
        properties.put("micronaut.server.port", -1);
        properties.put("leadsync.crypto.demo-key-file", home.resolve("master.key").toString());
        properties.put("leadsync.first-start.enabled", false);
        properties.put("leadsync.sync.worker.interval", "200ms");
        if (!Resilience.full()) {
            // The short suite waits seconds where production waits minutes: a failed batch is retried after 1 s
            // (doubling), and a batch whose outcome was lost with the database is claimed again after 30 s. The
            // number of attempts, and that recovery needs the lease to run out, are what is under test.
            properties.put("leadsync.sync.push.first-backoff", "1s");
            properties.put("leadsync.sync.push.lease", "30s");
        }
        String callback = "http://127.0.0.1:9/oauth/callback";
        properties.put("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID);
        properties.put("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET);
        properties.put("leadsync.salesforce.login-url", salesforce.baseUrl());
        properties.put("leadsync.salesforce.redirect-uri", callback);
        properties.put("leadsync.salesforce.timeout", CRM_TIMEOUT.toMillis() + "ms");
        properties.put("leadsync.hubspot.client-id", HubSpotSandbox.CLIENT_ID);
        properties.put("leadsync.hubspot.client-secret", HubSpotSandbox.CLIENT_SECRET);
        properties.put("leadsync.hubspot.api-url", hubspot.baseUrl());
        properties.put("leadsync.hubspot.authorize-url", hubspot.baseUrl() + "/oauth/authorize");
        properties.put("leadsync.hubspot.redirect-uri", callback);
        properties.put("leadsync.hubspot.timeout", CRM_TIMEOUT.toMillis() + "ms");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private static void startPostgres() throws IOException {
        // fsync on, as LeadSync's own embedded database runs: a restart must not lose what was acknowledged.
        postgres = EmbeddedPostgres.builder().setDataDirectory(home.resolve("postgres")).setCleanDataDirectory(false)
                .setPort(databasePort).setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
    }

    @AfterAll
    static void stop() throws IOException {
        LOG.info("ResilienceIT figures ({}): {}", Resilience.full() ? "full" : "short", FIGURES);
        System.out.println("ResilienceIT figures (" + (Resilience.full() ? "full" : "short") + "): " + FIGURES);
        if (server != null) {
            server.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        salesforce.close();
        hubspot.close();
        logs.close();
    }

    // ---- 1. malformed agent requests --------------------------------------------------------------------------------

    @Test
    @Order(1)
    void ten_thousand_malformed_agent_requests_get_no_server_error_and_write_no_row() throws Exception {
        String key = workspaceKey("Malformed");
        Map<String, Long> before = rowCounts();
        int requests = Resilience.size(1_000, 10_000);
        Map<Integer, AtomicInteger> statuses = new TreeMap<>();
        List<String> serverErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        Random random = new Random(8);
        List<Malformed> generated = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            generated.add(malformed(i, random));
        }
        ExecutorService agents = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        for (Malformed request : generated) {
            sent.add(agents.submit(() -> {
                int status = send(key, request);
                synchronized (statuses) {
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
                if (status >= 500 || status < 0) {
                    serverErrors.add(status + " for " + request.describe());
                } else if (status < 300 && !(request.emptyPageOk() && status == 200)) {
                    accepted.add(status + " for " + request.describe());
                }
                return null;
            }));
        }
        for (Future<?> future : sent) {
            future.get();
        }
        agents.shutdown();

        assertThat(serverErrors).as("server errors").isEmpty();
        assertThat(accepted).as("malformed requests accepted").isEmpty();
        // Invalid UTF-8 is refused (400) like any other malformed body: not one row more.
        assertThat(rowCounts()).as("rows per table").isEqualTo(before);
        FIGURES.put("malformed", requests + " requests, statuses " + statuses + ", 0 rows written");
    }

    /** One request with at least one defect, of many kinds; each defect alone must be refused. */
    private static Malformed malformed(int i, Random random) {
        String id = "bad-" + i;
        String injection = INJECTIONS[random.nextInt(INJECTIONS.length)];
        String ok = "\"leadId\":\"" + id + "\",\"lastName\":\"Doe\"";
        switch (i % 20) {
            case 0: // wrong JSON types
                return post("{" + ok + ",\"outreachScore\":\"" + injection.replace("\"", "") + "\"}");
            case 1:
                return post("{\"leadId\":\"" + id + "\",\"lastName\":" + random.nextInt() + "}");
            case 2:
                return post("{" + ok + ",\"isDql\":\"yes\",\"firstName\":{\"nested\":[1,2]}}");
            case 3: // out of range, unknown enum
                return post("{" + ok + ",\"aiScore\":" + (101 + random.nextInt(1000)) + ",\"status\":\"" + "WON_"
                        + random.nextInt(100) + "\"}");
            case 4: // huge strings: over the field's length, and over the 1 MiB body limit
                return post("{" + ok + ",\"about\":\"" + "x".repeat(40_000 + random.nextInt(100_000)) + "\"}");
            case 5:
                return post("{\"leadId\":\"" + "y".repeat(5_000) + "\",\"lastName\":\"" + "z".repeat(2_000_000)
                        + "\"}");
            case 6: { // bad UTF-8 inside a string
                byte[] head = ("{\"leadId\":\"" + id + "\",\"lastName\":\"D").getBytes(StandardCharsets.UTF_8);
                byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0,
                        (byte) 0x80};
                byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
                byte[] body = new byte[head.length + bad.length + tail.length];
                System.arraycopy(head, 0, body, 0, head.length);
                System.arraycopy(bad, 0, body, head.length, bad.length);
                System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);
                return new Malformed("POST", "/api/v1/leads", "application/json", body);
            }
            case 7: { // deep JSON
                int depth = 1_000 + random.nextInt(20_000);
                return post("{" + ok + ",\"about\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
            }
            case 8:
                return post("[".repeat(50_000));
            case 9: // missing fields
                return post(random.nextBoolean() ? "{}" : "{\"leadId\":\"" + id + "\",\"firstName\":\"Only\"}");
            case 10: // injection strings where they cannot pass: as field names, in a lead without its last name
                return post("{\"leadId\":\"" + id + "\",\"" + injection.replace("\"", "'") + "\":\"x\",\"lastName\":\"Doe\"}");
            case 11:
                return post("{\"leadId\":\"" + json(injection) + "\",\"jobTitle\":\"" + json(injection) + "\"}");
            case 12: // not JSON at all, or broken JSON
                return post(random.nextBoolean() ? "{\"leadId\":\"" + id + "\",\"lastName\":\"Doe\"" : injection);
            case 13: // a control character PostgreSQL cannot store, in a lead that is otherwise fine
                return post("{\"leadId\":\"" + id + "\",\"lastName\":\"Do\\u0000e\"}");
            case 16: { // lone UTF-16 surrogates (escaped, as JSON allows) and NUL, in a lead and an activity
                String[] unstorable = {"\\ud800", "x\\udc00y", "\\udbff", "Do\\u0000e", "\\ud83d\\u0000"};
                String text = unstorable[random.nextInt(unstorable.length)];
                return random.nextBoolean()
                        ? post("{\"leadId\":\"" + id + "\",\"lastName\":\"Doe\",\"jobTitle\":\"" + text + "\"}")
                        : new Malformed("POST", "/api/v1/leads/kept/activities", "application/json",
                        ("{\"type\":\"EMAIL\",\"subject\":\"Hi\",\"body\":\"" + text + "\"}")
                                .getBytes(StandardCharsets.UTF_8));
            }
            case 17: // unstorable text in the admin API: a connection's URL, a lead's update
                return random.nextBoolean()
                        ? new Malformed("POST", "/api/admin/v1/connections", "application/json",
                        "{\"kind\":\"WEBHOOK\",\"url\":\"https://hooks.example/\\u0000\"}".getBytes(StandardCharsets.UTF_8))
                        : new Malformed("PATCH", "/api/v1/leads/kept", "application/merge-patch+json",
                        "{\"jobTitle\":\"CTO\\udfff\"}".getBytes(StandardCharsets.UTF_8));
            case 18: { // paging overflow: refused, or (past the end) an empty page
                String[] paging = {"page=2147483648", "page=-1", "size=2147483647", "size=0", "page=99999999999999"};
                return random.nextInt(3) == 0
                        ? new Malformed("GET", "/api/v1/leads?page=2147483647&size=200", null, null, true)
                        : random.nextBoolean()
                        ? new Malformed("GET", "/api/v1/leads?" + paging[random.nextInt(paging.length)], null, null)
                        : new Malformed("GET", "/api/admin/v1/audit?limit=2147483648", null, null);
            }
            case 19: { // NUL in a query parameter
                String[] queries = {"/api/admin/v1/audit?leadId=%00", "/api/v1/leads?status=%00",
                        "/api/v1/leads?agentId=a%00b", "/api/admin/v1/audit?action=%00&limit=5",
                        "/api/v1/leads/kept/activities?x=%00"};
                return new Malformed("GET", queries[random.nextInt(queries.length)], null, null);
            }
            case 14: // a wrong content type with a valid body
                return new Malformed("POST", "/api/v1/leads", "text/plain",
                        ("{" + ok + "}").getBytes(StandardCharsets.UTF_8));
            default: // the other agent endpoints: an unknown lead, an injection in the path or the query
                String path = "/api/v1/leads/" + java.net.URLEncoder.encode(injection, StandardCharsets.UTF_8)
                        .replace("+", "%20");
                return switch (random.nextInt(3)) {
                    case 0 -> new Malformed("PATCH", path, "application/merge-patch+json",
                            "{\"jobTitle\":\"x\"}".getBytes(StandardCharsets.UTF_8));
                    case 1 -> new Malformed("PUT", path + "/status", "application/json",
                            "{\"status\":\"CONTACTED\"}".getBytes(StandardCharsets.UTF_8));
                    default -> new Malformed("GET", "/api/v1/leads?status=" + java.net.URLEncoder.encode(injection,
                            StandardCharsets.UTF_8) + "&size=" + (random.nextBoolean() ? "-1" : "99999"), null, null);
                };
        }
    }

    private static final String[] INJECTIONS = {
        "' OR '1'='1", "'; DROP TABLE leads; --", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
        "../../etc/passwd", "%00", "{{7*7}}", "$(rm -rf /)", "\\u0000", "admin'--", "1; select pg_sleep(10)",
        "{\"$gt\":\"\"}", "\r\nSet-Cookie: x=y", "\u202E\u0000\uFFFF"};

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n")
                .replace("\u0000", "\\u0000");
    }

    private static Malformed post(String body) {
        return new Malformed("POST", "/api/v1/leads", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** @param emptyPageOk a page past the end: an empty page (200) is as right as a refusal */
    private record Malformed(String method, String path, String contentType, byte[] body, boolean emptyPageOk) {
        Malformed(String method, String path, String contentType, byte[] body) {
            this(method, path, contentType, body, false);
        }

        boolean badUtf8() {
            return body != null && !java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body), java.nio.CharBuffer.allocate(body.length * 2), true)
                    .isUnderflow();
        }

        String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
            return method + " " + path.substring(0, Math.min(path.length(), 80)) + " " + text;
        }
    }

    private static int send(String key, Malformed request) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.getURL() + request.path()))
                    .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            if (request.contentType() != null) {
                builder.header("Content-Type", request.contentType());
            }
            if (request.emptyPageOk()) {
                HttpResponse<String> page = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                // An empty page is no write and no error; a page with a lead in it would be a defect (299).
                return page.statusCode() == 200 && !page.body().contains("\"leads\":[]") ? 299 : page.statusCode();
            }
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            // A body over the limit may be answered (413) and the connection closed before it is all sent.
            return request.body() != null && request.body().length > 1_048_576 ? 413 : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ---- 2. another workspace's credentials and ids ----------------------------------------------------------------

    @Test
    @Order(2)
    void every_endpoint_called_with_another_workspaces_key_and_ids_reads_and_writes_nothing_of_it() throws Exception {
        Tenant globex = tenant("Globex", "globex-secret-lead", "Globexina");
        Tenant initech = tenant("Initech", "initech-secret-lead", "Initechia");
        List<UriRouteInfo<?, ?>> routes = server.getApplicationContext().getBean(Router.class).uriRoutes()
                .toList();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(17);
        int calls = 0;
        List<String> leaks = new ArrayList<>();
        for (Tenant[] pair : new Tenant[][] {{globex, initech}, {initech, globex}}) {
            Tenant caller = pair[0];
            Tenant victim = pair[1];
            Map<String, List<String>> before = snapshot(victim);
            // Destructive calls last, so every other call meets the victim's data as it was.
            List<UriRouteInfo<?, ?>> ordered = new ArrayList<>(routes);
            ordered.sort(java.util.Comparator.comparing(route -> route.getHttpMethod() == HttpMethod.DELETE));
            for (UriRouteInfo<?, ?> route : ordered) {
                for (String connection : List.of(victim.salesforce, victim.hubspot)) {
                    String template = route.getUriMatchTemplate().toString();
                    String path = fill(template, victim, connection);
                    HttpResponse<String> answer = call(caller.key, route.getHttpMethod().name(), path,
                            body(route.getHttpMethod(), template, caller));
                    calls++;
                    String body = answer.body() == null ? "" : answer.body();
                    // A route whose path names the victim's lead or connection must refuse (404 and the like).
                    boolean namesVictim = template.replaceAll("\\{\\?[^}]*}", "").contains("{");
                    if (namesVictim && answer.statusCode() < 300 && !answersAnyId(caller, route, template)) {
                        leaks.add(route.getHttpMethod() + " " + path + " answered " + answer.statusCode() + ": "
                                + body.substring(0, Math.min(200, body.length())));
                    }
                    // No answer shows the victim's data beyond what the caller itself sent (an error may echo it).
                    for (String secret : List.of(victim.lead, victim.lastName, victim.workspaceId, victim.salesforce,
                            victim.hubspot)) {
                        if (!path.contains(secret) && body.contains(secret)) {
                            leaks.add(route.getHttpMethod() + " " + path + " (" + answer.statusCode() + ") shows "
                                    + secret);
                        }
                    }
                }
            }
            assertThat(snapshot(victim)).as("%s's rows after %s's calls", victim.name, caller.name)
                    .isEqualTo(before);
        }
        assertThat(leaks).as("cross-workspace reads or writes").isEmpty();
        FIGURES.put("crossWorkspace", calls + " calls over " + routes.size() + " routes, 0 leaks");
    }

    /**
     * Whether the route answers 2xx for ids that exist nowhere too (a public tracking pixel, a page that shows a form
     * for any id): then its 2xx says nothing about the other workspace's resource. The rows and the answer's content
     * are still checked.
     */
    private static boolean answersAnyId(Tenant caller, UriRouteInfo<?, ?> route, String template) throws Exception {
        Tenant nobody = new Tenant("Nobody", caller.key, "no-such-lead-0", "Nobody",
                "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000",
                "00000000-0000-0000-0000-000000000000");
        return call(caller.key, route.getHttpMethod().name(), fill(template, nobody, nobody.salesforce),
                body(route.getHttpMethod(), template, caller)).statusCode() < 300;
    }

    private record Tenant(String name, String key, String lead, String lastName, String salesforce, String hubspot,
                          String workspaceId) {
    }

    private static Tenant tenant(String name, String lead, String lastName) throws Exception {
        Workspace workspace = server.getApplicationContext().getBean(CreateWorkspaceUseCase.class)
                .create(new CreateWorkspaceCommand(name, name + " SDR"));
        String key = server.getApplicationContext().getBean(IssueApiKeyUseCase.class)
                .issue(new IssueApiKeyCommand(workspace.id(), "admin", java.util.EnumSet.allOf(ApiKeyScope.class))).secret();
        API_KEYS.add(key);
        String salesforceId = connectSalesforce(key);
        String hubspotId = connectHubSpot(key);
        for (String connection : List.of(salesforceId, hubspotId)) {
            assertThat(call(key, "PATCH", "/api/admin/v1/connections/" + connection, "{\"frequency\":\"HOURLY\"}")
                    .statusCode()).isEqualTo(200);
        }
        HttpResponse<String> captured = call(key, "POST", "/api/v1/leads", "{\"leadId\":\"" + lead
                + "\",\"lastName\":\"" + lastName + "\",\"workEmail\":\"" + lead + "@" + name.toLowerCase()
                + ".example\"}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
        // The first pulls after connecting, and the push of the lead, are the workspace's own work: done before the
        // snapshot, so the snapshot can only change by the other workspace's calls.
        String workspaceId = workspace.id().value().toString();
        await(() -> count("select count(*) from pull_schedule where workspace_id = '" + workspaceId
                + "' and next_pull_at > now() and claimed_by is null") == 2
                && count("select count(*) from outbox where routed_at is null") == 0, Duration.ofMinutes(2));
        return new Tenant(name, key, lead, lastName, salesforceId, hubspotId, workspaceId);
    }

    private static String fill(String template, Tenant victim, String connection) {
        Matcher variables = Pattern.compile("\\{([^}?]*)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            String name = variables.group(1).toLowerCase();
            variables.appendReplacement(path, name.contains("lead") ? victim.lead : connection);
        }
        variables.appendTail(path);
        String filled = path.toString().replaceAll("\\{\\?[^}]*}", "");
        // Query-only routes (lists, the audit) are asked for the victim's ids as filters.
        if (!template.contains("{") || template.contains("{?")) {
            filled += "?connectionId=" + connection + "&leadId=" + victim.lead + "&agentId=" + victim.lead;
        }
        return filled;
    }

    /** A body that would do something if the call were let through, so a missing check shows as a change. */
    private static String body(HttpMethod method, String template, Tenant caller) throws Exception {
        if (method == HttpMethod.GET || method == HttpMethod.DELETE) {
            return null;
        }
        if (template.endsWith("/status")) {
            return "{\"status\":\"DISQUALIFIED\"}";
        }
        if (template.startsWith("/api/v1/leads/")) {
            return "{\"jobTitle\":\"Intruder\"}";
        }
        if (template.endsWith("/mappings")) {
            return call(caller.key, "GET", "/api/admin/v1/connections/" + caller.salesforce + "/mappings", null).body();
        }
        if (template.contains("/errors/resync")) {
            return "{}";
        }
        if (template.contains("/connections/{") && method == HttpMethod.PATCH) {
            return "{\"frequency\":\"REALTIME\",\"direction\":\"PULL\"}";
        }
        if (template.equals("/api/admin/v1/connections")) {
            return "{\"kind\":\"SALESFORCE\"}";
        }
        if (template.equals("/api/v1/leads")) {
            return "{\"leadId\":\"intruder-1\",\"lastName\":\"Intruder\"}";
        }
        return "{}";
    }

    /** Every row that belongs to the workspace, in every table that names a workspace or one of its connections. */
    private static Map<String, List<String>> snapshot(Tenant tenant) throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Connection sql = database(); Statement statement = sql.createStatement();
             ResultSet columns = statement.executeQuery("select table_name, column_name from "
                     + "information_schema.columns where table_schema = 'public' and column_name in "
                     + "('workspace_id', 'connection_id') order by 1, 2")) {
            Map<String, String> filters = new TreeMap<>();
            while (columns.next()) {
                String filter = columns.getString(2).equals("workspace_id")
                        ? "workspace_id = '" + tenant.workspaceId + "'"
                        : "connection_id in ('" + tenant.salesforce + "', '" + tenant.hubspot + "')";
                filters.merge(columns.getString(1), filter, (a, b) -> a);
            }
            filters.put("workspaces", "id = '" + tenant.workspaceId + "'");
            filters.put("crm_connections", "workspace_id = '" + tenant.workspaceId + "'");
            for (Map.Entry<String, String> table : filters.entrySet()) {
                List<String> values = new ArrayList<>();
                try (Statement read = sql.createStatement(); ResultSet found = read.executeQuery(
                        "select t::text from \"" + table.getKey() + "\" t where " + table.getValue() + " order by 1")) {
                    while (found.next()) {
                        values.add(found.getString(1));
                    }
                }
                rows.put(table.getKey(), values);
            }
        }
        return rows;
    }

    // ---- 3. a flaky CRM -------------------------------------------------------------------------------------------

    @Test
    @Order(3)
    void with_5xx_timeouts_429_bursts_and_tokens_expiring_every_20_seconds_every_lead_arrives_once() throws Exception {
        int leads = Resilience.size(300, 10_000);
        String key = workspaceKey("Flaky");
        String salesforceConnection = connectSalesforce(key);
        String hubspotConnection = connectHubSpot(key);
        realtime(key, salesforceConnection, hubspotConnection);
        // Tokens live 20 s (LeadSync refreshes them at half their life): several expire during the run.
        salesforce.tokenLifetime(TOKEN_LIFETIME);
        hubspot.accessTokenLifetime(TOKEN_LIFETIME);
        Fault timeout = Fault.timeout(CRM_TIMEOUT.plusSeconds(1));
        salesforce.faults().injectRandomly(null, null, Fault.status("UNKNOWN_EXCEPTION", 500), 0.05);
        salesforce.faults().injectRandomly(null, null, Fault.status("SERVER_UNAVAILABLE", 503), 0.05);
        salesforce.faults().injectRandomly(null, null, timeout, 0.05);
        hubspot.faults().injectRandomly(null, null, Fault.status("INTERNAL_ERROR", 500), 0.05);
        hubspot.faults().injectRandomly(null, null, Fault.status("SERVICE_UNAVAILABLE", 503), 0.05);
        hubspot.faults().injectRandomly(null, null, timeout, 0.05);
        // Bursts of 429s: at random moments (5 to 20 s apart) every HubSpot call for the next 1 to 3 s is rate
        // limited, as a spent ten-second window is. Salesforce has no 429. Random, not on a beat that could meet
        // LeadSync's 10 s wait every time.
        ScheduledExecutorService bursts = Executors.newScheduledThreadPool(2);
        Random chaos = new Random(429);
        Runnable[] burst = new Runnable[1];
        burst[0] = () -> {
            io.leadsync.sandbox.faults.FaultRule rule = hubspot.faults().injectAlways(null, "/crm/",
                    Fault.status("TEN_SECONDLY_ROLLING", 429));
            bursts.schedule(() -> hubspot.faults().remove(rule), 1_000 + chaos.nextInt(2_000), TimeUnit.MILLISECONDS);
            bursts.schedule(burst[0], 5_000 + chaos.nextInt(15_000), TimeUnit.MILLISECONDS);
        };
        bursts.schedule(burst[0], 1, TimeUnit.SECONDS);
        long tokenCallsBefore = tokenCalls();
        long started = System.nanoTime();
        try {
            // Paced over more than one token lifetime (the full run: 100 leads a second), so tokens expire during the
            // run and the push goes in many batches, each meeting the faults.
            captureAll(key, "flaky-", leads, Resilience.full() ? Duration.ofSeconds(100) : Duration.ofSeconds(30));
            awaitDelivered(salesforceConnection, hubspotConnection, Duration.ofMinutes(Resilience.full() ? 30 : 4));
        } finally {
            bursts.shutdownNow();
            salesforce.clearFaults();
            hubspot.faults().clear();
            salesforce.tokenLifetime(Duration.ofHours(2));
            hubspot.accessTokenLifetime(Duration.ofMinutes(30));
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(count("select count(*) from deliveries where state <> 'PENDING' and connection_id in ('"
                + salesforceConnection + "', '" + hubspotConnection + "')")).as("failed or skipped: %s",
                deliveryStates(salesforceConnection, hubspotConnection)).isZero();
        assertOnceInEachCrm("flaky-", leads);
        assertThat(tokenCalls() - tokenCallsBefore).as("token refreshes during the run").isPositive();
        long faulted = salesforce.callCounts().entrySet().stream().filter(e -> e.getKey().contains("(fault"))
                .mapToLong(Map.Entry::getValue).sum() + hubspot.callCounts().entrySet().stream()
                .filter(e -> e.getKey().contains("(fault")).mapToLong(Map.Entry::getValue).sum();
        assertThat(faulted).as("faulted calls").isPositive();
        FIGURES.put("faults", String.format("%d leads, every one once in each CRM after %.0f s; %d faulted calls; "
                + "Salesforce calls %s; HubSpot calls %s", leads, seconds, faulted, salesforce.callCounts(),
                hubspot.callCounts()));
    }

    // ---- 4. PostgreSQL stopped and started again mid-run ------------------------------------------------------------

    @Test
    @Order(4)
    void when_postgresql_stops_and_starts_again_mid_run_leadsync_recovers_by_itself_and_loses_nothing()
            throws Exception {
        int leads = Resilience.size(300, 5_000);
        Duration down = Duration.ofSeconds(Resilience.full() ? 30 : 8);
        String key = workspaceKey("Outage");
        String salesforceConnection = connectSalesforce(key);
        String hubspotConnection = connectHubSpot(key);
        realtime(key, salesforceConnection, hubspotConnection);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger refusedWhileDown = new AtomicInteger();
        ExecutorService agents = Executors.newFixedThreadPool(4);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            running.add(agents.submit(() -> {
                for (int i = next.getAndIncrement(); i < leads; i = next.getAndIncrement()) {
                    // An agent retries until LeadSync acknowledges the lead, as the API's contract asks of it.
                    while (captureOnce(key, "outage-" + i) >= 300) {
                        refusedWhileDown.incrementAndGet();
                        Thread.sleep(250);
                    }
                    acknowledged.incrementAndGet();
                }
                return null;
            }));
        }
        await(() -> acknowledged.get() >= leads / 3, Duration.ofMinutes(2));
        long stoppedAt = System.nanoTime();
        postgres.close();
        Thread.sleep(down.toMillis());
        startPostgres();
        long restartedAt = System.nanoTime();
        for (Future<?> agent : running) {
            agent.get();
        }
        agents.shutdown();
        // By itself: no restart of LeadSync, no help from the test; a batch whose outcome was lost with the database
        // waits for its lease (two minutes; 30 s in the short suite) and goes again.
        awaitDelivered(salesforceConnection, hubspotConnection, Duration.ofMinutes(5));
        double recovered = (System.nanoTime() - restartedAt) / 1e9;

        assertThat(call(key, "GET", "/health", null).statusCode()).isEqualTo(200);
        assertThat(count("select count(*) from leads where lead_id like 'outage-%'")).isEqualTo(leads);
        assertThat(count("select count(*) from deliveries where state <> 'PENDING' and connection_id in ('"
                + salesforceConnection + "', '" + hubspotConnection + "')")).as("failed or skipped: %s",
                deliveryStates(salesforceConnection, hubspotConnection)).isZero();
        assertOnceInEachCrm("outage-", leads);
        FIGURES.put("postgresRestart", String.format("%d leads; database down %.0f s; %d agent retries while it was "
                        + "down; every lead in both CRMs once %.0f s after the restart", leads,
                (restartedAt - stoppedAt) / 1e9, refusedWhileDown.get(), recovered));
    }

    // ---- 5. no secret in clear, anywhere -------------------------------------------------------------------------

    @Test
    @Order(5)
    void after_all_of_the_above_neither_the_database_nor_any_log_line_holds_a_token_or_secret_in_clear()
            throws Exception {
        Set<String> secrets = new HashSet<>();
        secrets.addAll(salesforce.liveTokens());
        secrets.addAll(hubspot.liveTokens());
        assertThat(secrets).as("tokens the CRMs issued to LeadSync").hasSizeGreaterThanOrEqualTo(8);
        secrets.addAll(API_KEYS);
        secrets.add(SalesforceSandbox.CLIENT_SECRET);
        secrets.add(HubSpotSandbox.CLIENT_SECRET);
        for (String line : Files.readAllLines(home.resolve("master.key"))) {
            if (line.startsWith("key.")) {
                secrets.add(line.substring(line.indexOf('=') + 1).trim());
            }
        }
        List<String> inDatabase;
        try (Connection sql = database()) {
            inDatabase = Resilience.secretsInDatabase(sql, secrets);
        }
        List<String> lines = logs.lines();
        List<String> inLogs = Resilience.secretsIn(lines, secrets);

        assertThat(inDatabase).as("secrets in the database").isEmpty();
        assertThat(inLogs).as("secrets in the logs").isEmpty();
        assertThat(lines).as("the log capture saw the run").hasSizeGreaterThan(100);
        FIGURES.put("secrets", secrets.size() + " secrets searched in every table and " + lines.size()
                + " log lines (DEBUG and up): 0 found");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static String workspaceKey(String name) {
        Workspace workspace = server.getApplicationContext().getBean(CreateWorkspaceUseCase.class)
                .create(new CreateWorkspaceCommand(name, name + " SDR"));
        String key = server.getApplicationContext().getBean(IssueApiKeyUseCase.class)
                .issue(new IssueApiKeyCommand(workspace.id(), "agent", java.util.EnumSet.allOf(ApiKeyScope.class))).secret();
        API_KEYS.add(key);
        return key;
    }

    private static void realtime(String key, String... connections) throws Exception {
        for (String connection : connections) {
            HttpResponse<String> patched = call(key, "PATCH", "/api/admin/v1/connections/" + connection,
                    "{\"frequency\":\"REALTIME\"}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        }
    }

    private static void captureAll(String key, String prefix, int leads, Duration over) throws Exception {
        ExecutorService agents = Executors.newFixedThreadPool(4);
        List<Future<Integer>> answers = new ArrayList<>();
        long start = System.nanoTime();
        long pace = over.toNanos() / leads;
        for (int i = 0; i < leads; i++) {
            int n = i;
            answers.add(agents.submit(() -> {
                long wait = start + n * pace - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                return captureOnce(key, prefix + n);
            }));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isIn(200, 201);
        }
        agents.shutdown();
    }

    /** The agent API's answer to one capture: 201 created, 200 when a retry finds it already stored. */
    private static int captureOnce(String key, String leadId) {
        try {
            // One person per lead: Salesforce's duplicate rule (on by default) flags the same name, title and
            // company twice, and that is not what this test is about.
            return call(key, "POST", "/api/v1/leads", "{\"leadId\":\"" + leadId + "\",\"firstName\":\"Ada\","
                    + "\"lastName\":\"Lovelace " + leadId + "\",\"workEmail\":\"" + leadId + "@resilience.example\","
                    + "\"jobTitle\":\"Engineer\",\"companyName\":\"Resilient Ltd\"}").statusCode();
        } catch (Exception e) {
            return 599;
        }
    }

    private static void awaitDelivered(String salesforceConnection, String hubspotConnection, Duration patience)
            throws InterruptedException {
        await(() -> {
            try {
                return count("select count(*) from outbox where routed_at is null") == 0
                        && count("select count(*) from deliveries where state = 'PENDING' and connection_id in ('"
                        + salesforceConnection + "', '" + hubspotConnection + "')") == 0;
            } catch (RuntimeException e) {
                return false;
            }
        }, patience, () -> deliveryStates(salesforceConnection, hubspotConnection));
    }

    @SuppressWarnings("unchecked")
    private static void assertOnceInEachCrm(String prefix, int leads) {
        List<String> inSalesforce = salesforce.records("Lead").stream().map(r -> String.valueOf(r.get(SF_ID)))
                .filter(id -> id.startsWith(prefix)).toList();
        List<String> inHubSpot = hubspot.records("contacts").stream()
                .filter(r -> !Boolean.TRUE.equals(r.get("archived")))
                .map(r -> String.valueOf(((Map<String, Object>) r.get("properties")).get(HS_ID)))
                .filter(id -> id.startsWith(prefix)).toList();
        assertThat(new HashSet<>(inSalesforce)).as("leads in Salesforce").hasSize(leads);
        assertThat(inSalesforce).as("Salesforce duplicates").hasSize(leads);
        assertThat(new HashSet<>(inHubSpot)).as("leads in HubSpot").hasSize(leads);
        assertThat(inHubSpot).as("HubSpot duplicates").hasSize(leads);
    }

    private static String connectSalesforce(String key) throws Exception {
        HttpResponse<String> started = call(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        URI redirect = new SandboxBrowser().logInAndConsent(URI.create(field(started.body(), "authorizeUrl")),
                "admin@acme.example", "sandbox", true);
        assertThat(callback(redirect).body()).contains("Connected as");
        return field(started.body(), "connectionId");
    }

    private static String connectHubSpot(String key) throws Exception {
        HttpResponse<String> started = call(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"HUBSPOT\"}");
        URI redirect = new HubSpotBrowser().logInAndConsent(URI.create(field(started.body(), "authorizeUrl")),
                "admin@acme.example", "sandbox", true);
        assertThat(callback(redirect).body()).contains("Connected as");
        return field(started.body(), "connectionId");
    }

    /** The admin's browser back from the CRM, signing in to confirm the connect (ADR 0045). */
    private static HttpResponse<String> callback(URI redirect) throws Exception {
        return AdminApi.confirmedCallback(server.getApplicationContext(), server.getURL().toString(), redirect);
    }

    private static HttpResponse<String> call(String key, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres", "postgres", "");
    }

    private static long count(String sql) {
        try (Connection connection = database(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long tokenCalls() {
        return salesforce.callCounts().entrySet().stream().filter(e -> e.getKey().startsWith("POST /services/oauth2/token"))
                .mapToLong(Map.Entry::getValue).sum() + hubspot.callCounts().entrySet().stream()
                .filter(e -> e.getKey().equals("POST /oauth/2026-03/token")).mapToLong(Map.Entry::getValue).sum();
    }

    /** Rows per table, for "nothing was written". */
    private static Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("leads", "outbox", "deliveries", "crm_links", "audit_log", "activities",
                "crm_connections", "endpoint_settings")) {
            counts.put(table, count("select count(*) from " + table));
        }
        return counts;
    }

    private static void await(BooleanSupplier condition, Duration patience) throws InterruptedException {
        await(condition, patience, () -> "");
    }

    /** What the deliveries of the connections are doing, for a failure message. */
    private static String deliveryStates(String... connections) {
        StringBuilder text = new StringBuilder();
        try (Connection sql = database(); Statement statement = sql.createStatement();
             ResultSet rows = statement.executeQuery("select connection_id, state, attempts, claimed_by is not null, "
                     + "left(coalesce(last_error, ''), 160), count(*), min(due_at) from deliveries where connection_id in ('"
                     + String.join("', '", connections) + "') group by 1, 2, 3, 4, 5 order by 6 desc limit 20")) {
            while (rows.next()) {
                text.append("\n  ").append(rows.getString(1), 0, 8).append(' ').append(rows.getString(2))
                        .append(" attempts=").append(rows.getInt(3)).append(" claimed=").append(rows.getBoolean(4))
                        .append(" n=").append(rows.getLong(6)).append(" due=").append(rows.getString(7))
                        .append(" error=").append(rows.getString(5));
            }
        } catch (SQLException e) {
            text.append(e);
        }
        return text.toString();
    }

    private static void await(BooleanSupplier condition, Duration patience,
                              java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                assertThat(System.nanoTime()).as("waited %s; %s", patience, state.get()).isLessThan(deadline);
            }
            Thread.sleep(200);
        }
    }
}
