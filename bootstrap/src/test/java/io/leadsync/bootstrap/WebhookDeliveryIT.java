package io.leadsync.bootstrap;

import com.sun.net.httpserver.HttpServer;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.domain.crm.ConnectionId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook connections through the whole running LeadSync: created by the admin API, fed by the background push from
 * the delivery queue, one lead per request to a real HTTP receiver (the JDK's server, on this machine), signed, and
 * retried as promised. Backoff is 100 ms here instead of 30 s, so the retries take no time.
 */
class WebhookDeliveryIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path home;

    private static RunningLeadSync leadSync;
    private static AdminApi api;
    private static HttpServer receiver;
    /** Every request each receiver path got, in order. */
    private static final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    /** How many times each path has failed so far. */
    private static final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    record Received(Map<String, List<String>> headers, String body, int answeredWith) {
        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // /flaky fails twice then takes the lead; /down is always down; /refuses refuses with 422.
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int failed = failures.computeIfAbsent(path, p -> new AtomicInteger()).get();
            int status;
            String answer;
            if (path.startsWith("/flaky") && failed < 2) {
                status = 500;
                answer = "{\"error\":\"flaky, try later\"}";
            } else if (path.startsWith("/down")) {
                status = 503;
                answer = "Service Unavailable: " + "maintenance ".repeat(100);
            } else if (path.startsWith("/refuses")) {
                status = 422;
                answer = "{\"error\":\"email domain not accepted\"}";
            } else {
                status = 200;
                answer = "{\"ok\":true}";
            }
            if (status >= 300) {
                failures.get(path).incrementAndGet();
            }
            received.computeIfAbsent(path, p -> Collections.synchronizedList(new ArrayList<>()))
                    .add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, status));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        receiver.start();
        leadSync = RunningLeadSync.start(home, Map.of(
                "leadsync.first-start.enabled", false,
                "leadsync.sync.worker.enabled", true,
                "leadsync.sync.worker.interval", "50ms",
                "leadsync.webhook.first-backoff", "100ms",
                // The receiver listens on this machine: the operator's allow-list admits it (ADR 0042).
                "leadsync.outbound.allowed-ranges", "127.0.0.1/32"));
        api = new AdminApi(leadSync);
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        receiver.stop(0);
    }

    @Test
    void a_receiver_that_fails_twice_gets_the_lead_once_with_a_valid_signature() throws Exception {
        String key = api.workspaceKey("Acme");
        HttpResponse<String> created = createWebhook(key, "/flaky/hook-key-789?code=query-key-012",
                "\"bearerToken\":\"tok-flaky-123\",\"headers\":{\"X-Api-Key\":\"key-flaky-456\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(AdminApi.field(created.body(), "state")).isEqualTo("CONNECTED");
        String connection = AdminApi.field(created.body(), "connectionId");
        String secret = AdminApi.field(created.body(), "signingSecret");

        capture(key, "ada", "ada@analytical.example");
        await(() -> received("/flaky/hook-key-789").size() == 3 && queue(key, connection).isEmpty());

        List<Received> requests = received("/flaky/hook-key-789");
        assertThat(requests).extracting(Received::answeredWith).containsExactly(500, 500, 200);
        Received delivered = requests.get(2);
        assertThat(delivered.header("Content-Type")).startsWith("application/json");
        assertThat(delivered.header("Authorization")).isEqualTo("Bearer tok-flaky-123");
        assertThat(delivered.header("X-Api-Key")).isEqualTo("key-flaky-456");
        assertThat(delivered.header("X-LeadSync-Lead-Id")).isEqualTo("ada");
        assertThat(delivered.body()).contains("\"leadId\":\"ada\"", "\"workEmail\":\"ada@analytical.example\"",
                "\"lastName\":\"Lovelace\"", "\"outreachScore\":72");
        assertThat(signatureIsValid(delivered, secret)).isTrue();
        assertThat(signatureIsValid(delivered, secret + "x")).isFalse();

        // The secrets are in the database only encrypted.
        // The secrets, and the URL's path and query that may hold a key, are in the database only encrypted.
        try (Connection database = leadSync.openDatabaseConnection();
             ResultSet rows = database.createStatement().executeQuery("select e.url, e.secrets, c.* from "
                     + "endpoint_settings e join crm_connections c on c.id = e.connection_id")) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    assertThat(String.valueOf(rows.getObject(column))).doesNotContain("tok-flaky-123",
                            "key-flaky-456", secret, "hook-key-789", "query-key-012");
                }
            }
        }
        // ... and the connection list shows none of them.
        assertThat(api.get(key, "/api/admin/v1/connections").body()).doesNotContain("tok-flaky-123",
                "key-flaky-456", secret, "hook-key-789", "query-key-012").contains("\"kind\":\"WEBHOOK\"");
    }

    @Test
    void a_receiver_that_is_always_down_leaves_the_lead_failed_after_three_retries_with_its_answer() throws Exception {
        String key = api.workspaceKey("Initech");
        String connection = AdminApi.field(createWebhook(key, "/down", "\"bodyFormat\":\"FORM\"").body(),
                "connectionId");

        capture(key, "peter", "peter@initech.example");
        await(() -> queue(key, connection).stream().anyMatch(d -> d.state() == DeliveryQueue.State.FAILED));

        assertThat(received("/down")).hasSize(4).allMatch(request -> request.answeredWith() == 503);
        assertThat(received("/down").get(0).header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(received("/down").get(0).body()).contains("workEmail=peter%40initech.example");
        DeliveryQueue.Delivery failed = queue(key, connection).get(0);
        assertThat(failed.lastError().orElseThrow()).startsWith("HTTP 503: Service Unavailable: maintenance")
                .hasSizeLessThan(600);
        HttpResponse<String> errors = api.get(key, "/api/admin/v1/connections/" + connection + "/errors");
        assertThat(errors.body()).contains("peter", "HTTP 503");
    }

    @Test
    void a_refusal_other_than_408_or_429_is_not_retried() throws Exception {
        String key = api.workspaceKey("Globex");
        String connection = AdminApi.field(createWebhook(key, "/refuses", "").body(), "connectionId");

        capture(key, "hank", "hank@globex.example");
        await(() -> queue(key, connection).stream().anyMatch(d -> d.state() == DeliveryQueue.State.FAILED));

        assertThat(received("/refuses")).hasSize(1);
        assertThat(queue(key, connection).get(0).lastError().orElseThrow())
                .isEqualTo("HTTP 422: {\"error\":\"email domain not accepted\"}");
    }

    @Test
    void a_disconnected_webhook_forgets_its_secrets_and_is_owed_nothing_more() throws Exception {
        String key = api.workspaceKey("Hooli");
        String connection = AdminApi.field(createWebhook(key, "/hooli", "\"bearerToken\":\"tok-hooli\"").body(),
                "connectionId");

        HttpResponse<String> disconnected = api.send(key, "DELETE", "/api/admin/v1/connections/" + connection, null);

        assertThat(disconnected.statusCode()).as(disconnected.body()).isEqualTo(200);
        assertThat(AdminApi.field(disconnected.body(), "state")).isEqualTo("DISCONNECTED");
        try (Connection database = leadSync.openDatabaseConnection();
             ResultSet rows = database.createStatement().executeQuery(
                     "select count(*) from endpoint_settings where connection_id = '" + connection + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
        capture(key, "gavin", "gavin@hooli.example");
        // The change is routed (the worker runs every 50 ms) to no delivery of the disconnected webhook.
        await(() -> leadSync.context().getBean(io.leadsync.application.port.out.Outbox.class).claimUnrouted(10)
                .isEmpty());
        assertThat(queue(key, connection)).isEmpty();
        assertThat(received("/hooli")).isEmpty();
    }

    @Test
    void bad_settings_are_refused_naming_each_field_and_nothing_is_created() throws Exception {
        String key = api.workspaceKey("Umbrella");
        HttpResponse<String> refused = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"WEBHOOK\","
                + "\"url\":\"ftp://files.example/leads\",\"bodyFormat\":\"XML\",\"signingSecret\":\"short\","
                + "\"headers\":{\"Content-Type\":\"text/plain\",\"X-Ok\":\"fine\"},\"orgId\":\"00DDn000000Acme\","
                + "\"mappings\":[{\"appField\":\"shoeSize\",\"crmField\":\"shoe\"}]}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"pointer\":\"/url\"", "\"pointer\":\"/bodyFormat\"",
                "\"pointer\":\"/signingSecret\"", "\"pointer\":\"/headers/Content-Type\"", "\"pointer\":\"/orgId\"",
                "\"pointer\":\"/mappings/0/appField\"").doesNotContain("X-Ok");
        assertThat(api.get(key, "/api/admin/v1/connections").body()).doesNotContain("WEBHOOK");
    }

    private static HttpResponse<String> createWebhook(String key, String path, String moreMembers) throws Exception {
        return api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + path + "\"" + (moreMembers.isEmpty() ? "" : "," + moreMembers)
                + "}");
    }

    private static void capture(String key, String leadId, String email) throws Exception {
        HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"" + leadId
                + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"workEmail\":\"" + email
                + "\",\"companyName\":\"Analytical Engines\",\"outreachScore\":72}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
    }

    /** What a receiver does: recompute the HMAC of "t.body" with the shared secret and compare. */
    private static boolean signatureIsValid(Received request, String secret) throws Exception {
        String header = request.header("X-LeadSync-Signature");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        String timestamp = header.substring(2, header.indexOf(','));
        String signature = header.substring(header.indexOf("v1=") + 3);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + request.body())
                .getBytes(StandardCharsets.UTF_8)));
        return expected.equals(signature);
    }

    private static List<Received> received(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    private static List<DeliveryQueue.Delivery> queue(String key, String connection) {
        return leadSync.context().getBean(DeliveryQueue.class).all(api.workspaceOf(key),
                new ConnectionId(UUID.fromString(connection)));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for the background push", PATIENCE).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
