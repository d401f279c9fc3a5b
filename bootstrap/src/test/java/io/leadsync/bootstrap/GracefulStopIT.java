package io.leadsync.bootstrap;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: LeadSync stopped with SIGTERM in the middle of a push drains and exits without an ERROR. A real process
 * ({@code java -jar target/leadsync.jar}, on its own embedded PostgreSQL, as the README runs it) pushes leads to a slow
 * webhook; it is stopped while a batch is in flight, then started again on the same data, and every lead arrives.
 */
class GracefulStopIT {
    private static final int LEADS = 40;
    /** The keys on console lines of their own, the agent's then the admin's (log lines name only prefixes). */
    private static final Pattern KEY = Pattern.compile("(?m)^\\s+(lsk_[A-Za-z0-9_-]+)\\s*$");

    @TempDir
    Path home;

    private Process node;
    private HttpServer receiver;
    private int port;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() throws InterruptedException {
        if (node != null && node.isAlive()) {
            node.destroyForcibly().waitFor();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void sigterm_mid_push_drains_logs_no_error_and_loses_no_lead() throws Exception {
        Path jar = Path.of("target/leadsync.jar");
        assertThat(jar).as("the runnable jar, built by this module's package phase").exists();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(250); // a slow receiver: batches are in flight when the stop comes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(exchange.getRequestHeaders().getFirst("X-LeadSync-Lead-Id"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Path firstRun = home.resolve("first-run.log");
        startNode(jar, firstRun);
        await(() -> KEY.matcher(read(firstRun)).results().count() >= 2, Duration.ofSeconds(30));
        Matcher keys = KEY.matcher(read(firstRun));
        assertThat(keys.find()).as("the first start prints an agent key").isTrue();
        String agentKey = keys.group(1);
        assertThat(keys.find()).as("and an admin key").isTrue();
        String adminKey = keys.group(1);
        HttpResponse<String> hook = call(adminKey, "POST", "/api/admin/v1/connections",
                "{\"kind\":\"WEBHOOK\",\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}");
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
        for (int i = 0; i < LEADS; i++) {
            HttpResponse<String> captured = call(agentKey, "POST", "/api/v1/leads", "{\"leadId\":\"stop-" + i
                    + "\",\"lastName\":\"Hopper\",\"workEmail\":\"stop-" + i + "@graceful.example\"}");
            assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
        }
        await(() -> received.size() >= 3, Duration.ofMinutes(1));

        node.destroy(); // SIGTERM
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the node stopped within a minute").isTrue();
        int beforeRestart = received.size();
        List<String> printed = Files.readAllLines(firstRun);

        assertThat(beforeRestart).as("the stop came mid-push").isLessThan(LEADS);
        assertThat(printed).as("lines logged at ERROR").noneMatch(line -> line.matches("^\\S+ ERROR .*"));
        assertThat(printed).noneMatch(line -> line.contains("terminating connection due to administrator command"));
        assertThat(printed).anyMatch(line -> line.contains("Sync worker stopped; it holds no work"));

        Path secondRun = home.resolve("second-run.log");
        startNode(jar, secondRun);
        try {
            await(() -> new HashSet<>(received).size() == LEADS, Duration.ofMinutes(2));
        } catch (AssertionError late) {
            // Seen once in a full build (passing alone): keep both nodes' logs in the report, or the temporary home
            // takes them away.
            throw new AssertionError(late.getMessage() + "; received " + new HashSet<>(received).size() + " of "
                    + LEADS + "\n--- first run ---\n" + tail(firstRun) + "\n--- second run ---\n"
                    + tail(secondRun), late);
        }
        node.destroy();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(new HashSet<>(received)).as("leads the receiver got").hasSize(LEADS);
        assertThat(received).as("each lead once: the batch in hand at the stop was finished and recorded")
                .hasSize(LEADS);
        assertThat(Files.readAllLines(secondRun)).noneMatch(line -> line.matches("^\\S+ ERROR .*"));
    }

    /** LeadSync as the README runs it: embedded PostgreSQL under LEADSYNC_HOME, first start printing a key. */
    private void startNode(Path jar, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-Dleadsync.outbound.allowed-ranges=127.0.0.1/32",
                "-Dleadsync.sync.worker.interval=200ms", "-Dleadsync.sync.worker.initial-delay=200ms",
                "-jar", jar.toAbsolutePath().toString());
        builder.environment().put("LEADSYNC_PORT", Integer.toString(port));
        builder.environment().put("LEADSYNC_HOME", home.resolve("leadsync").toString());
        // Configured CRMs, so no demo sandbox starts beside the node.
        builder.environment().put("LEADSYNC_SALESFORCE_CLIENT_ID", "unused");
        builder.environment().put("LEADSYNC_SALESFORCE_CLIENT_SECRET", "unused");
        builder.environment().put("LEADSYNC_HUBSPOT_CLIENT_ID", "unused");
        builder.environment().put("LEADSYNC_HUBSPOT_CLIENT_SECRET", "unused");
        builder.environment().put("LEADSYNC_SALESFORCE_REDIRECT_URI", "http://127.0.0.1:" + port + "/oauth/callback");
        builder.environment().put("LEADSYNC_HUBSPOT_REDIRECT_URI", "http://127.0.0.1:" + port + "/oauth/callback");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        node = builder.start();
        Process started = node;
        await(() -> {
            assertThat(started.isAlive()).as("the node process is running (see " + log + ")").isTrue();
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

    private static String tail(Path log) {
        String text = read(log);
        return text.length() > 6_000 ? text.substring(text.length() - 6_000) : text;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private HttpResponse<String> call(String key, String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", patience).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
