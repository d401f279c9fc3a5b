package io.leadsync.bootstrap;

import com.sun.net.httpserver.HttpServer;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.HostResolver;
import io.leadsync.domain.crm.ConnectionId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side request forgery (issue 14, ADR 0042) through the admin API and the Integrations form: a webhook URL
 * that leads to LeadSync's own host, a private network or cloud metadata is refused with 422 naming {@code url}, in
 * every spelling; a name whose DNS answer changes after creation (rebinding) is refused at send time and the address
 * it turned to gets nothing. DNS is a resolver this test controls; names it does not know go to the system's.
 */
class OutboundAddressesIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String OWNER = "owner@acme.example";
    private static final String PASSWORD = "owner-password-1";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final List<String> PRIVATE_SPELLINGS = List.of("http://127.0.0.2:%d/x", "http://localhost:%d/x",
            "http://LOCALHOST.:%d/x", "http://[::1]:%d/x", "http://0x7f000001:%d/x", "http://2130706433:%d/x",
            "http://0177.0.0.1:%d/x", "http://127.1:%d/x", "http://[::ffff:127.0.0.1]:%d/x",
            "http://[::ffff:7f00:1]:%d/x", "http://169.254.169.254/latest/meta-data/", "http://[fd00::]:%d/x",
            "http://[fd00:ec2::254]/latest", "http://0.0.0.0:%d/x", "http://0:%d/x", "http://10.0.0.1/x",
            "http://172.16.0.1/x", "http://192.168.1.1/x", "http://100.64.0.1/x", "http://[fe80::1]/x",
            "http://224.0.0.1/x", "http://[64:ff9b::7f00:1]:%d/x", "http://metadata.internal.test/computeMetadata",
            "https://private.internal.test/hook");

    @TempDir
    static Path home;

    private static RunningLeadSync leadSync;
    private static AdminApi api;
    private static HttpServer receiver;
    private static final List<String> received = Collections.synchronizedList(new ArrayList<>());
    /** How often the name rebind.test was looked up: public the first time, loopback after. */
    private static final AtomicInteger rebindLookups = new AtomicInteger();

    /** The test's DNS. */
    static final class TestDns implements HostResolver {
        @Override
        public List<InetAddress> addresses(String host) {
            return switch (host) {
                case "rebind.test" -> List.of(address(rebindLookups.getAndIncrement() == 0 ? "93.184.215.14"
                        : "127.0.0.1"));
                case "metadata.internal.test" -> List.of(address("169.254.169.254"));
                case "private.internal.test" -> List.of(address("93.184.215.14"), address("10.1.2.3"));
                case "onprem.test" -> List.of(address("127.0.0.1"));
                default -> {
                    try {
                        yield List.of(InetAddress.getAllByName(host));
                    } catch (UnknownHostException e) {
                        yield List.of();
                    }
                }
            };
        }
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Host") + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            // A long answer with control characters: the ledger keeps a short, clean excerpt of it.
            byte[] answer = ("Forbidden\u0000\u001b[31m\r\n" + "<html>secret-internal-page ".repeat(300))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/forbidden") ? 403 : 200,
                    answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        leadSync = RunningLeadSync.start(home, Map.of(
                "leadsync.first-start.enabled", true,
                "leadsync.first-start.owner-email", OWNER,
                "leadsync.first-start.owner-password", PASSWORD,
                // An on-premises receiver the operator trusts by name; nothing else private is allowed.
                "leadsync.outbound.allowed-hosts", "onprem.test",
                "leadsync.sync.worker.enabled", true,
                "leadsync.sync.worker.interval", "50ms",
                "leadsync.webhook.retries", 0), new TestDns());
        api = new AdminApi(leadSync);
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        receiver.stop(0);
    }

    @Test
    void the_admin_api_refuses_every_spelling_of_a_private_address_with_422_naming_url() throws Exception {
        String key = api.workspaceKey("Acme API");
        List<String> urls = new ArrayList<>(PRIVATE_SPELLINGS.stream().map(this::withPort).toList());
        urls.add(leadSync.url() + "/api/admin/v1/connections"); // LeadSync's own admin API

        for (String url : urls) {
            HttpResponse<String> refused = api.send(key, "POST", "/api/admin/v1/connections",
                    "{\"kind\":\"WEBHOOK\",\"url\":\"" + url + "\"}");

            assertThat(refused.statusCode()).as(url + " -> " + refused.body()).isEqualTo(422);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).as(url).contains("\"pointer\":\"/url\"",
                    "must lead to a public internet address");
        }
        assertThat(api.get(key, "/api/admin/v1/connections").body()).doesNotContain("WEBHOOK");
        assertThat(received).isEmpty();
    }

    @Test
    void the_integrations_form_refuses_every_spelling_and_shows_why_beside_the_url() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Matcher login = CSRF.matcher(get(browser, "/login").body());
        assertThat(login.find()).isTrue();
        assertThat(post(browser, "/login", "_csrf=" + login.group(1) + "&email=" + URLEncoder.encode(OWNER,
                StandardCharsets.UTF_8) + "&password=" + PASSWORD).statusCode()).isIn(302, 303);
        Matcher token = CSRF.matcher(get(browser, "/app/integrations/new/webhook").body());
        assertThat(token.find()).isTrue();

        for (String spelling : PRIVATE_SPELLINGS) {
            String url = withPort(spelling);
            HttpResponse<String> refused = post(browser, "/app/integrations/new/webhook", "_csrf=" + token.group(1)
                    + "&url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&bodyFormat=JSON");

            assertThat(refused.statusCode()).as(url).isEqualTo(422);
            assertThat(refused.body()).as(url).contains("data-testid=\"error-url\"")
                    .contains("must lead to a public internet address");
        }
        assertThat(get(browser, "/app/integrations").body()).doesNotContain("Webhook 127.0.0.2");
        assertThat(received).isEmpty();
    }

    @Test
    void a_name_that_rebinds_to_loopback_after_creation_is_refused_at_send_time() throws Exception {
        String key = api.workspaceKey("Rebind");
        HttpResponse<String> created = api.send(key, "POST", "/api/admin/v1/connections",
                "{\"kind\":\"WEBHOOK\",\"url\":\"http://rebind.test:" + receiver.getAddress().getPort() + "/hook\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String connection = AdminApi.field(created.body(), "connectionId");

        capture(key, "mallory");
        await(() -> queue(key, connection).stream().anyMatch(d -> d.state() == DeliveryQueue.State.FAILED));

        assertThat(queue(key, connection).get(0).lastError().orElseThrow())
                .startsWith("refused: rebind.test resolves to 127.0.0.1, a loopback address");
        assertThat(received).noneMatch(request -> request.startsWith("rebind.test"));
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection + "/errors").body())
                .contains("mallory", "refused: rebind.test resolves to 127.0.0.1");
    }

    @Test
    void an_allowed_host_is_reached_at_the_address_resolved_and_its_answer_is_kept_short_and_clean()
            throws Exception {
        String key = api.workspaceKey("On premises");
        HttpResponse<String> created = api.send(key, "POST", "/api/admin/v1/connections",
                "{\"kind\":\"WEBHOOK\",\"url\":\"http://onprem.test:" + receiver.getAddress().getPort()
                        + "/forbidden\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String connection = AdminApi.field(created.body(), "connectionId");

        capture(key, "olga");
        await(() -> queue(key, connection).stream().anyMatch(d -> d.state() == DeliveryQueue.State.FAILED));

        // onprem.test is no name the system's DNS knows: the request went to the address the policy checked.
        assertThat(received).contains("onprem.test:" + receiver.getAddress().getPort() + " /forbidden");
        String reason = queue(key, connection).get(0).lastError().orElseThrow();
        assertThat(reason).startsWith("HTTP 403: Forbidden [31m <html>secret-internal-page")
                .hasSizeLessThanOrEqualTo("HTTP 403: ".length() + 200 + 3)
                .doesNotContainPattern("\\p{Cntrl}");
        String audit = api.get(key, "/api/admin/v1/audit?leadId=olga").body();
        assertThat(audit).contains("HTTP 403: Forbidden").doesNotContain("\\u0000", "\\u001b");
        assertThat(audit.split("secret-internal-page", -1).length - 1).isLessThan(10);
    }

    private String withPort(String spelling) {
        return spelling.contains("%d") ? String.format(spelling, receiver.getAddress().getPort()) : spelling;
    }

    private static void capture(String key, String leadId) throws Exception {
        HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"" + leadId
                + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"workEmail\":\"" + leadId
                + "@analytical.example\",\"companyName\":\"Analytical Engines\"}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
    }

    private static List<DeliveryQueue.Delivery> queue(String key, String connection) {
        return leadSync.context().getBean(DeliveryQueue.class).all(api.workspaceOf(key),
                new ConnectionId(UUID.fromString(connection)));
    }

    private static HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(leadSync.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient browser, String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(leadSync.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for the background push", PATIENCE).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
