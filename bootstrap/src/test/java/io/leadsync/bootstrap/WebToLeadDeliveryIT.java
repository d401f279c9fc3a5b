package io.leadsync.bootstrap;

import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Salesforce Web-to-Lead connection through the whole running LeadSync against the sandbox's servlet, which like
 * Salesforce creates 500 leads a rolling 24 hours. A day later is simulated without waiting: the sandbox's clock moves
 * a day on, and LeadSync's record of its sends is back-dated by a day (with the held leads due now, as they would be).
 */
class WebToLeadDeliveryIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Duration A_DAY_AND_A_MINUTE = Duration.ofHours(24).plusMinutes(1);

    @TempDir
    static Path home;

    private static final ShiftedClock sandboxClock = new ShiftedClock();
    private static SalesforceSandbox salesforce;
    private static RunningLeadSync leadSync;
    private static AdminApi api;

    /** The system clock, moved on by the test. */
    static final class ShiftedClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @BeforeAll
    static void start() {
        salesforce = SalesforceSandbox.start(0, sandboxClock);
        leadSync = RunningLeadSync.start(home, Map.of(
                "leadsync.first-start.enabled", false,
                "leadsync.sync.worker.enabled", true,
                "leadsync.sync.worker.interval", "20ms",
                "leadsync.web-to-lead.url", salesforce.baseUrl()));
        api = new AdminApi(leadSync);
    }

    @AfterAll
    static void stop() {
        leadSync.close();
        salesforce.close();
    }

    @Test
    void of_650_leads_in_a_day_500_are_delivered_150_wait_visibly_and_go_the_next_day_none_dropped() throws Exception {
        String key = api.workspaceKey("Acme");
        HttpResponse<String> created = api.send(key, "POST", "/api/admin/v1/connections",
                "{\"kind\":\"SALESFORCE_WEB_TO_LEAD\",\"orgId\":\"" + SalesforceSandbox.ORG_ID
                        + "\",\"leadSource\":\"AI SDR\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(AdminApi.field(created.body(), "state")).isEqualTo("CONNECTED");
        String connection = AdminApi.field(created.body(), "connectionId");

        // Four agents capture side by side: the day's 650 leads arrive in a few seconds.
        ExecutorService agents = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> captures = new ArrayList<>();
            for (int i = 0; i < 650; i++) {
                int n = i;
                captures.add(agents.submit(() -> api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"w2l-" + n
                        + "\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace " + n + "\",\"workEmail\":\"w2l-" + n
                        + "@analytical.example\",\"companyName\":\"Analytical Engines\",\"jobTitle\":\"Analyst\"}")));
            }
            for (Future<HttpResponse<String>> capture : captures) {
                assertThat(capture.get().statusCode()).as(capture.get().body()).isEqualTo(201);
            }
        } finally {
            agents.shutdown();
        }
        await(() -> webToLeadLeads().size() == 500 && held(key, connection).size() == 150);

        // The first day: 500 delivered, the rest held and visible, none pending or dropped at Salesforce.
        assertThat(webToLeadStats()).containsEntry("accepted", 500L).containsEntry("createdLast24h", 500L)
                .containsEntry("pending", 0L).containsEntry("dropped", 0L).containsEntry("rejected", 0L);
        assertThat(queue(key, connection)).hasSize(150).allMatch(d -> d.state() == DeliveryQueue.State.PENDING
                && d.attempts() == 0 && d.dueAt().isAfter(Instant.now().plus(Duration.ofHours(23))));
        assertThat(held(key, connection).get(0).lastError().orElseThrow())
                .startsWith("held: Salesforce Web-to-Lead creates at most 500 leads in 24 hours");
        String status = api.get(key, "/api/admin/v1/connections/" + connection).body();
        assertThat(number(status, "sentInWindow")).isEqualTo(500);
        assertThat(number(status, "held")).isEqualTo(150);
        assertThat(number(status, "limit")).isEqualTo(500);
        WorkerCycles.awaitFullCycle(leadSync); // a whole worker cycle more: still nothing more is sent
        assertThat(webToLeadLeads()).hasSize(500);

        // A day later.
        sandboxClock.offset = A_DAY_AND_A_MINUTE;
        try (Connection database = leadSync.openDatabaseConnection()) {
            try (PreparedStatement backdate = database.prepareStatement(
                    "update delivery_window_sends set sent_at = sent_at - interval '24 hours 1 minute'")) {
                assertThat(backdate.executeUpdate()).isEqualTo(500);
            }
            try (PreparedStatement due = database.prepareStatement(
                    "update deliveries set due_at = now() where connection_id = ?::uuid and state = 'PENDING'")) {
                due.setString(1, connection);
                assertThat(due.executeUpdate()).isEqualTo(150);
            }
        }
        await(() -> queue(key, connection).isEmpty() && webToLeadLeads().size() == 650);

        assertThat(webToLeadStats()).containsEntry("accepted", 650L).containsEntry("createdLast24h", 150L)
                .containsEntry("pending", 0L).containsEntry("dropped", 0L).containsEntry("rejected", 0L);
        assertThat(webToLeadLeads().stream().map(lead -> (String) lead.get("Email")).collect(Collectors.toSet()))
                .isEqualTo(IntStream.range(0, 650).mapToObj(i -> "w2l-" + i + "@analytical.example")
                        .collect(Collectors.toSet()));
        assertThat(webToLeadLeads()).allMatch(lead -> "AI SDR".equals(lead.get("LeadSource"))
                && "Analytical Engines".equals(lead.get("Company")) && "Analyst".equals(lead.get("Title")));
        // LeadSync's count of the window agrees with Salesforce's.
        String after = api.get(key, "/api/admin/v1/connections/" + connection).body();
        assertThat(number(after, "sentInWindow")).isEqualTo(150);
        assertThat(number(after, "held")).isZero();
    }

    @Test
    void a_web_to_lead_connection_needs_a_salesforce_org_id() throws Exception {
        String key = api.workspaceKey("Initech");
        HttpResponse<String> refused = api.send(key, "POST", "/api/admin/v1/connections",
                "{\"kind\":\"SALESFORCE_WEB_TO_LEAD\",\"orgId\":\"acme\",\"url\":\"https://example.com\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("\"pointer\":\"/orgId\"", "\"pointer\":\"/url\"");
        HttpResponse<String> companyless = api.send(key, "POST", "/api/admin/v1/connections",
                "{\"kind\":\"SALESFORCE_WEB_TO_LEAD\",\"orgId\":\"" + SalesforceSandbox.ORG_ID + "\",\"mappings\":["
                        + "{\"appField\":\"lastName\",\"crmField\":\"last_name\"},"
                        + "{\"appField\":\"workEmail\",\"crmField\":\"email\"}]}");
        assertThat(companyless.statusCode()).as(companyless.body()).isEqualTo(422);
        assertThat(companyless.body()).contains("\"pointer\":\"/mappings\"", "company");
        assertThat(api.get(key, "/api/admin/v1/connections").body()).doesNotContain("SALESFORCE_WEB_TO_LEAD");
    }

    /** What the sandbox's servlet did with the posts, every count as a long. */
    private static Map<String, Long> webToLeadStats() {
        return salesforce.webToLeadStats().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> ((Number) entry.getValue()).longValue()));
    }

    private static List<Map<String, Object>> webToLeadLeads() {
        return salesforce.records("Lead").stream()
                .filter(lead -> String.valueOf(lead.get("Email")).endsWith("@analytical.example")).toList();
    }

    private static List<DeliveryQueue.Delivery> queue(String key, String connection) {
        return leadSync.context().getBean(DeliveryQueue.class).all(api.workspaceOf(key),
                new ConnectionId(UUID.fromString(connection)));
    }

    private static List<DeliveryQueue.Delivery> held(String key, String connection) {
        return queue(key, connection).stream()
                .filter(d -> d.lastError().filter(reason -> reason.startsWith("held:")).isPresent()).toList();
    }

    private static long number(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for the background push", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
