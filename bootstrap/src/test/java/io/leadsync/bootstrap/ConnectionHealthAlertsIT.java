package io.leadsync.bootstrap;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.leadsync.application.port.in.RaiseAlertsUseCase;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health that tells the truth, and alerts that reach people (issue 16), against the Salesforce sandbox, a real SMTP
 * server (GreenMail) and a chat webhook receiver, with the background worker and the alert job running: a field the
 * integration user can no longer see makes pushes fail; the connection turns DEGRADED with the CRM's reason within a
 * worker cycle; one e-mail and one chat message go out for the incident, however often alerts are looked at; once the
 * field is visible again and the leads resent, one recovery message follows. The admin's view of the incident is
 * checked in a headless Chromium: the Integrations card amber (or red once every push fails) with the reason, and
 * the navigation's attention badge.
 */
class ConnectionHealthAlertsIT {
    private static final String FIELD = "LeadSync_Outreach_Score__c";

    @TempDir
    static Path home;
    static SalesforceSandbox salesforce;
    static GreenMail smtp;
    static HttpServer chat;
    static final List<String> chatMessages = new CopyOnWriteArrayList<>();
    static RunningLeadSync leadSync;
    static AdminApi api;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.start();
        salesforce = SalesforceSandbox.start(0);
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        chat.createContext("/services/T000/B000/secret", exchange -> {
            chatMessages.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        chat.start();
        leadSync = RunningLeadSync.start(home, Map.ofEntries(
                Map.entry("leadsync.first-start.enabled", false),
                Map.entry("leadsync.sync.worker.enabled", true),
                Map.entry("leadsync.sync.worker.interval", "200ms"),
                Map.entry("leadsync.sync.worker.initial-delay", "200ms"),
                // The test's chat receiver listens on loopback, which the outbound policy refuses unless allowed.
                Map.entry("leadsync.outbound.allowed-hosts", "127.0.0.1"),
                // A failed push is retried after 1 s (doubling) instead of 30 s: the three attempts before a lead
                // counts as failed are what the alert needs, not the minute and a half between them.
                Map.entry("leadsync.sync.push.first-backoff", "1s"),
                Map.entry("leadsync.alerts.interval", "300ms"),
                Map.entry("leadsync.alerts.initial-delay", "300ms"),
                Map.entry("leadsync.smtp.host", "127.0.0.1"),
                Map.entry("leadsync.smtp.port", smtp.getSmtp().getPort()),
                Map.entry("leadsync.smtp.security", "NONE"),
                Map.entry("leadsync.smtp.from", "leadsync@acme.example"),
                Map.entry("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID),
                Map.entry("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET),
                Map.entry("leadsync.salesforce.login-url", salesforce.baseUrl()),
                Map.entry("leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback")));
        api = new AdminApi(leadSync);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (leadSync != null) {
            leadSync.close();
        }
        if (chat != null) {
            chat.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (salesforce != null) {
            salesforce.close();
        }
    }

    @Test
    void a_hidden_field_degrades_the_connection_alerts_once_and_its_recovery_is_announced() throws Exception {
        String key = api.workspaceKey("Acme");
        String connection = connectSalesforce(key);
        String path = "/api/admin/v1/connections/" + connection;
        assertThat(api.send(key, "PATCH", path, "{\"frequency\":\"REALTIME\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> alerts = api.send(key, "PUT", "/api/admin/v1/alerts", "{\"emails\":[\"ops@acme.example\"],"
                + "\"chatWebhook\":\"http://127.0.0.1:" + chat.getAddress().getPort() + "/services/T000/B000/secret\","
                + "\"failedLeadsThreshold\":2}");
        assertThat(alerts.statusCode()).as(alerts.body()).isEqualTo(200);
        // The webhook's URL (its path is the secret) is never answered back; its host is.
        assertThat(alerts.body()).contains("\"chatWebhookHost\":\"127.0.0.1\"").doesNotContain("secret");

        for (int i = 1; i <= 3; i++) {
            capture(key, "health-" + i, 50 + i);
        }
        waitUntil(() -> salesforce.records("Lead").size() >= 3);
        waitUntil(() -> health(key, connection).contains("\"state\":\"HEALTHY\""));
        assertThat(health(key, connection)).contains("\"failedLeads\":0");

        // What an admin might do in Setup: the integration user no longer sees the field LeadSync writes.
        assertThat(salesforce.revokeFieldAccess("admin@acme.example", "Lead." + FIELD)).isPositive();
        for (int i = 1; i <= 3; i++) {
            assertThat(api.send(key, "PATCH", "/api/v1/leads/health-" + i, "{\"outreachScore\":9" + i + "}")
                    .statusCode()).isEqualTo(200);
        }

        waitUntil(() -> !health(key, connection).contains("\"state\":\"HEALTHY\""));
        String degraded = health(key, connection);
        assertThat(degraded).containsPattern("\"state\":\"(DEGRADED|FAILING)\"").contains(FIELD)
                .contains("\"needsAttention\":true");
        try {
            waitUntil(() -> smtp.getReceivedMessages().length >= 1 && !chatMessages.isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError("no alert: " + smtp.getReceivedMessages().length + " e-mails, " + chatMessages.size()
                    + " chat messages; health " + health(key, connection) + "; audit "
                    + api.get(key, "/api/admin/v1/audit").body(), e);
        }
        // What the admin sees: the card no longer green, with Salesforce's reason, and the navigation asking for attention.
        Chromium.logInAsNewOwner(browser, leadSync, api.workspaceOf(key), "health-admin@acme.example");
        browser.get(leadSync.url() + "/app/integrations");
        WebElement card = browser.findElement(By.cssSelector("section.card[data-kind=SALESFORCE]"));
        // Degraded (amber) or, once every push fails, Failing (red), as the API said above: never a green Connected.
        WebElement state = card.findElement(By.cssSelector("[data-testid=state]"));
        assertThat(state.getText()).isIn("Degraded", "Failing");
        assertThat(state.getAttribute("class")).contains(state.getText().equals("Degraded") ? "warn" : "bad");
        assertThat(card.findElement(By.cssSelector("[data-testid=health-reason]")).getText()).contains(FIELD);
        assertThat(new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=attention]"))).getText()).isEqualTo("1");
        MimeMessage alert = smtp.getReceivedMessages()[0];
        assertThat(alert.getSubject()).startsWith("[LeadSync] Salesforce (Acme Corp)");
        assertThat(String.valueOf(alert.getContent())).contains(FIELD).contains("Failed leads: ");
        assertThat(chatMessages.get(0)).startsWith("{\"text\":\"*[LeadSync] Salesforce (Acme Corp)");

        // However often health is weighed during the incident, nothing more goes out.
        RaiseAlertsUseCase raise = leadSync.context().getBean(RaiseAlertsUseCase.class);
        assertThat(raise.raise()).isZero();
        assertThat(raise.raise()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(chatMessages).hasSize(1);

        // The admin makes the field visible again and resends the failed leads; the next pull gets through too.
        salesforce.fieldAccess("Lead", FIELD, "admin@acme.example", true, true);
        assertThat(api.send(key, "POST", path + "/errors/resync", "{}").statusCode()).isEqualTo(200);
        waitUntil(() -> health(key, connection).contains("\"failedLeads\":0"));
        api.send(key, "POST", path + "/pull", null);
        waitUntil(() -> health(key, connection).contains("\"state\":\"HEALTHY\""));
        waitUntil(() -> smtp.getReceivedMessages().length >= 2 && chatMessages.size() >= 2);
        assertThat(smtp.getReceivedMessages()[1].getSubject())
                .isEqualTo("[LeadSync] Recovered: Salesforce (Acme Corp) syncs again");
        assertThat(chatMessages.get(1)).contains("Recovered");
        assertThat(raise.raise()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(api.get(key, "/api/admin/v1/audit?action=alert.sent").body()).contains("e-mailed to 1 recipient(s)")
                .contains("posted to the chat webhook at 127.0.0.1");
    }

    @Test
    void a_chat_webhook_on_a_private_address_is_refused_like_a_lead_webhook() throws Exception {
        String key = api.workspaceKey("Private chat");
        HttpResponse<String> refused = api.send(key, "PUT", "/api/admin/v1/alerts",
                "{\"chatWebhook\":\"http://169.254.169.254/latest/meta-data\"}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("/chatWebhook").contains("public internet address");
        assertThat(api.get(key, "/api/admin/v1/alerts").body()).contains("\"chatWebhookHost\":null");
    }

    @Test
    void bad_alert_settings_are_refused_naming_each_field_and_nothing_changes() throws Exception {
        String key = api.workspaceKey("Bad alerts");
        HttpResponse<String> refused = api.send(key, "PUT", "/api/admin/v1/alerts",
                "{\"emails\":[\"not an address\"],\"chatWebhook\":\"ftp://chat.example\",\"failedLeadsThreshold\":0}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("/emails/0").contains("/chatWebhook").contains("/failedLeadsThreshold");
        assertThat(api.get(key, "/api/admin/v1/alerts").body()).contains("\"emails\":[]")
                .contains("\"chatWebhookHost\":null").contains("\"failedLeadsThreshold\":10");
    }

    private static String connectSalesforce(String key) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        URI redirect = new SandboxBrowser().logInAndConsent(URI.create(AdminApi.field(started.body(), "authorizeUrl")),
                "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        return AdminApi.field(started.body(), "connectionId");
    }

    private static void capture(String key, String leadId, int score) throws Exception {
        HttpResponse<String> created = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"" + leadId + "\","
                + "\"lastName\":\"Lovelace\",\"workEmail\":\"" + leadId + "@analytical.example\","
                + "\"companyName\":\"Analytical Engines\",\"outreachScore\":" + score + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static String health(String key, String connection) {
        try {
            String body = api.get(key, "/api/admin/v1/connections/" + connection).body();
            int at = body.indexOf("\"health\":");
            return at < 0 ? "" : body.substring(at);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits for what the background worker and the alert job do; fails after three minutes (alone it takes ~40 s;
     * under a full build on 2 cores a one-minute wait ran out before the failing rounds raised the alert).
     */
    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited three minutes for the condition").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
