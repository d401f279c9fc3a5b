package io.leadsync.bootstrap;

import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's Activity and History as an admin reads them in a real headless Chromium set to Tokyo time, after a real
 * journey against the Salesforce sandbox: settings changed, a lead captured and pushed, then an agent and a rep change
 * the same title and a pull settles it by the rule. Every entry is a sentence from the typed sync events, with the
 * fields that changed, the deciding rule, a link to the record in Salesforce and the browser's own time zone; no code
 * name and no empty-to-empty row reaches the page. Sync now's live progress and amber result, and the Overview's
 * hours, on the same node and browser.
 */
class ActivityHistoryBrowserIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ADMIN = "events-admin@acme.example";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path home;
    static SalesforceSandbox salesforce;
    static RunningLeadSync leadSync;
    static ChromeDriver browser;
    static AdminApi api;

    @BeforeAll
    static void start() {
        browser = Chromium.start();
        salesforce = SalesforceSandbox.start(0);
        leadSync = RunningLeadSync.start(home, Map.ofEntries(
                Map.entry("leadsync.first-start.enabled", false),
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
        if (browser != null) {
            browser.quit();
        }
        if (leadSync != null) {
            leadSync.close();
        }
        if (salesforce != null) {
            salesforce.close();
        }
    }

    @Test
    void activity_and_history_read_as_sentences_with_changes_rules_links_and_local_times() throws Exception {
        String key = api.workspaceKey("Events");
        String connection = connect(key);
        settings(key, connection, "{\"frequency\":\"REALTIME\"}");
        capture(key);
        await(() -> "Founder".equals(salesforceLead().get("Title")) && queue(key, connection).isEmpty());
        String recordId = (String) salesforceLead().get("Id");
        // From here Salesforce leads: LeadSync takes its changes and sends none, so both edits below meet in a pull.
        // The agent edits first: whichever pull (the worker's or "pull now") next reads the rep's edit meets both.
        settings(key, connection, "{\"direction\":\"PULL\"}");
        HttpResponse<String> agent = api.send(key, "PATCH", "/api/v1/leads/ada", "{\"jobTitle\":\"CTO\"}");
        assertThat(agent.statusCode()).as(agent.body()).isEqualTo(200);
        repEditsTitle(recordId, "CEO");
        pullNow(key, connection);
        assertThat(api.get(key, "/api/v1/leads/ada").body()).contains("\"jobTitle\":\"CEO\"");

        logIn(api.workspaceOf(key), ADMIN);
        // The admin is in Tokyo: times are theirs, not the server's UTC.
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Tokyo"));

        browser.get(leadSync.url() + "/app/leads/ada");
        List<WebElement> history = rows("history-row");
        String page = String.join("\n", history.stream().map(WebElement::getText).toList());
        assertThat(page).contains("Created the record in Salesforce after the lead changed.")
                .contains("A change in Salesforce was merged: 1 field taken from Salesforce; 1 conflict settled by "
                        + "the rule.")
                .contains("Job title changed on both sides (LeadSync: \u201cCTO\u201d, Salesforce: \u201cCEO\u201d); "
                        + "Salesforce's value won by the rule \"CRM wins\".")
                .doesNotContain("lead.pushed", "lead.pulled", "(empty)", " UTC");
        WebElement pulled = history.stream().filter(row -> row.getText().contains("was merged")).findFirst()
                .orElseThrow();
        assertThat(changeRows(pulled)).containsExactly(List.of("Job title", "CTO", "CEO from Salesforce"));
        WebElement link = pulled.findElement(By.cssSelector("[data-testid=record-link]"));
        assertThat(link.getText()).isEqualTo("Open in Salesforce");
        assertThat(link.getAttribute("href")).startsWith("http").endsWith("/lightning/r/Lead/" + recordId + "/view");
        WebElement created = history.stream().filter(row -> row.getText().contains("Created the record"))
                .findFirst().orElseThrow();
        assertThat(changeRows(created)).as("the fields the new record got, and no row without a value on either side")
                .contains(List.of("Last name", "no value", "Lovelace"), List.of("Job title", "no value", "Founder"))
                .noneMatch(row -> row.get(1).equals("no value") && row.get(2).equals("no value"));
        assertThat(browser.findElement(By.cssSelector("[data-testid=crm-record-link]")).getAttribute("href"))
                .as("the record id in the lead's CRM card opens it too").endsWith("/lightning/r/Lead/" + recordId
                        + "/view");
        WebElement time = pulled.findElement(By.cssSelector("time"));
        Instant at = Instant.parse(time.getAttribute("datetime"));
        assertThat(at).isBetween(Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(60));
        assertThat(time.getText()).as("formatted in the browser's zone").contains("GMT+9");
        assertThat(time.getAttribute("title")).as("the server's UTC text on hover").endsWith("UTC");

        browser.get(leadSync.url() + "/app/activity");
        String activity = String.join("\n", rows("activity-row").stream().map(WebElement::getText).toList());
        assertThat(activity)
                .contains("Changed the sync settings of Salesforce: Sync frequency from Every 5 minutes to Real time.")
                .contains("Changed the sync settings of Salesforce: Direction from Both ways to CRM to LeadSync.")
                .contains("Connected Salesforce as admin@acme.example to Acme Corp.")
                .contains("Checked Salesforce for changes: 1 record read, 1 updated here")
                .containsPattern("Sent 1 lead to Salesforce: 1 written, in \\d+ CRM calls?\\.")
                .doesNotContain("sync.run", "sync.push", "sync.pull", "lead.pushed", "connection.settings-changed",
                        "EVERY_5_MIN", "REALTIME", "(empty) -> (empty)", " UTC");
        assertThat(browser.findElements(By.cssSelector("[data-testid=activity-row] time"))).allSatisfy(t ->
                assertThat(t.getText()).contains("GMT+9"));
        Chromium.screenshot(browser, "activity");
    }

    /**
     * Sync now, watched: while it runs (each Salesforce write held 3 s by the sandbox) the page shows how many of the
     * workspace's leads are sent, skipped, failed and waiting without a reload; the result is amber because a lead
     * without a work email was skipped, names it and why, and the status card beside it shows this run, in the
     * browser's zone. The Overview's hours are the browser's too.
     */
    @Test
    void sync_now_shows_live_progress_then_an_amber_result_and_the_overview_hours_are_the_browsers() throws Exception {
        String key = api.workspaceKey("Difference Engines");
        String connection = connect(key);
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"sync-" + i
                    + "\",\"lastName\":\"Babbage " + i + "\",\"workEmail\":\"sync-" + i + "@engines.example\","
                    + "\"companyName\":\"Difference Engines\"}");
            assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
        }
        HttpResponse<String> noEmail = api.send(key, "POST", "/api/v1/leads",
                "{\"leadId\":\"no-email\",\"lastName\":\"Byron\",\"companyName\":\"Poets\"}");
        assertThat(noEmail.statusCode()).as(noEmail.body()).isEqualTo(201);
        // The connection pushes every 5 minutes (the default): the captured leads wait for it, or for Sync now.

        logIn(api.workspaceOf(key), "sync-admin@acme.example");
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Tokyo"));
        browser.get(leadSync.url() + "/app/connections/" + connection);
        salesforce.faults().latency("PATCH", "/services/data/", Duration.ofSeconds(3));
        Instant pressed;
        String running;
        try {
            pressed = Instant.now().minusSeconds(1);
            browser.findElement(By.xpath("//button[text()='Sync now']")).click();
            // Shown while the request is still out: only a running sync's counts carry data-running=true. The panel
            // is replaced each second, so its text and total are read together, in the page.
            Map<?, ?> live = new WebDriverWait(browser, PATIENCE).until(driver -> (Map<?, ?>) browser.executeScript(
                    "var e = document.querySelector('#sync-live [data-testid=sync-progress][data-running=true]');"
                            + "return e ? {text: e.innerText, leads: e.getAttribute('data-leads')} : null;"));
            running = String.valueOf(live.get("text")).trim();
            assertThat(live.get("leads")).isEqualTo("4");
            Chromium.screenshot(browser, "sync-now-progress");
        } finally {
            salesforce.faults().latency("PATCH", "/services/data/", Duration.ZERO);
        }
        assertThat(running).matches("\\d of 4 leads done: \\d sent, \\d skipped, 0 failed; \\d waiting, \\d+ CRM "
                + "calls? so far\\.");

        WebElement report = new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=sync-report]")));
        assertThat(report.getAttribute("class")).as("amber: a lead was skipped").isEqualTo("warning");
        assertThat(report.getText()).contains("Sync finished, but not every lead got there.")
                .containsPattern("4 leads: \\d created, \\d updated, 1 skipped, 0 failed, in \\d+ CRM calls?\\.")
                .contains("no-email: no work email");
        assertThat(browser.findElement(By.id("sync-live")).getText()).as("the live panel gives way to the result")
                .isEmpty();
        WebElement lastSync = browser.findElement(By.cssSelector("#status-card [data-testid=last-sync] time"));
        assertThat(Instant.parse(lastSync.getAttribute("datetime"))).as("the status card shows this run")
                .isAfter(pressed);
        assertThat(lastSync.getText()).contains("GMT+9");
        Chromium.screenshot(browser, "sync-now-amber");
        // A script reads the same counts from the admin API.
        assertThat(api.get(key, "/api/admin/v1/connections/" + connection + "/sync/progress").body())
                .contains("\"running\":false", "\"leads\":4", "\"delivered\":3", "\"skipped\":1", "\"failed\":0",
                        "\"waiting\":0");

        browser.get(leadSync.url() + "/app/leads");
        assertThat(rows("lead-row")).hasSize(4).allSatisfy(row -> assertThat(row.findElement(By.cssSelector("time"))
                .getText()).as("when each lead changed, in Tokyo time").contains("GMT+9"));

        browser.get(leadSync.url() + "/app/overview");
        List<WebElement> hours = new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector("svg[data-testid=captured-chart] "
                    + "text[data-hour][data-local]"));
            return found.isEmpty() ? null : found;
        });
        DateTimeFormatter tokyo = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Asia/Tokyo"));
        assertThat(hours).isNotEmpty().allSatisfy(hour -> assertThat(hour.getText())
                .isEqualTo(tokyo.format(Instant.parse(hour.getAttribute("data-hour")))));
        assertThat(browser.findElement(By.cssSelector("[data-testid=chart-zone]")).getText())
                .isEqualTo("your time, Asia/Tokyo GMT+9");

        // Settings (the workspace's API keys) and Account (the admin's sessions) speak Tokyo time too.
        for (String page : List.of("/app/settings", "/app/account")) {
            browser.get(leadSync.url() + page);
            List<WebElement> times = new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
                List<WebElement> found = driver.findElements(By.cssSelector("main time[data-local]"));
                return found.isEmpty() ? null : found;
            });
            assertThat(times).as(page).allSatisfy(time -> assertThat(time.getText()).contains("GMT+9")
                    .doesNotContain("UTC"));
        }
    }

    private static List<WebElement> rows(String testId) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid=" + testId + "] time[data-local]")));
        return browser.findElements(By.cssSelector("[data-testid=" + testId + "]"));
    }

    /** The changes table of one entry, row by row: field, before, after (with its note). */
    private static List<List<String>> changeRows(WebElement row) {
        return row.findElements(By.cssSelector("[data-testid=event-changes] tbody tr")).stream()
                .map(tr -> List.of(tr.findElement(By.cssSelector("th")).getText(),
                        tr.findElements(By.cssSelector("td")).get(0).getText(),
                        tr.findElements(By.cssSelector("td")).get(1).getText().replace('\n', ' ')))
                .toList();
    }

    private static void logIn(io.leadsync.domain.workspace.WorkspaceId workspace, String email) {
        Chromium.logInAsNewOwner(browser, leadSync, workspace, email);
    }

    private static String connect(String key) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"SALESFORCE\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        String connection = AdminApi.field(started.body(), "connectionId");
        await(() -> api.get(key, "/api/admin/v1/connections/" + connection).body().contains("\"state\":\"CONNECTED\""));
        return connection;
    }

    private static void settings(String key, String connection, String json) throws Exception {
        HttpResponse<String> patched = api.send(key, "PATCH", "/api/admin/v1/connections/" + connection, json);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    private static void capture(String key) throws Exception {
        HttpResponse<String> captured = api.send(key, "POST", "/api/v1/leads", "{\"leadId\":\"ada\",\"firstName\":"
                + "\"Ada\",\"lastName\":\"Lovelace\",\"workEmail\":\"ada@engines.example\",\"companyName\":"
                + "\"Analytical Engines\",\"jobTitle\":\"Founder\"}");
        assertThat(captured.statusCode()).as(captured.body()).isEqualTo(201);
    }

    private static void repEditsTitle(String recordId, String title) throws Exception {
        HttpResponse<String> edited = HTTP.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                        + "/__sandbox/salesforce/records/Lead/" + recordId))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"Title\":\"" + title + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    }

    /** "Pull now"; while the worker pulls the same connection it answers 409, and the admin tries again. */
    private static void pullNow(String key, String connection) throws Exception {
        await(() -> api.send(key, "POST", "/api/admin/v1/connections/" + connection + "/pull", null).statusCode()
                == 200);
    }

    private static List<DeliveryQueue.Delivery> queue(String key, String connection) {
        return leadSync.context().getBean(DeliveryQueue.class).all(api.workspaceOf(key),
                new ConnectionId(UUID.fromString(connection)));
    }

    private static Map<String, Object> salesforceLead() {
        return salesforce.records("Lead").stream().filter(lead -> "ada".equals(lead.get("LeadSync_Lead_ID__c")))
                .findFirst().orElse(Map.of());
    }

    /** Waits for what the worker does; the deadline only bounds a failure. */
    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
