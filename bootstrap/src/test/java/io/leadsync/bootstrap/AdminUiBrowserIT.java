package io.leadsync.bootstrap;

import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin web UI in a real headless Chromium against the whole LeadSync (PostgreSQL, the background sync) and the
 * Salesforce and HubSpot sandboxes over real HTTP, as an admin uses it. One LeadSync and one browser for the class;
 * the tests run in order and build on each other. The screenshots they take are the README's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminUiBrowserIT {
    static final String OWNER = "owner@acme.example";
    static final String OWNER_PASSWORD = "owner-password-1";

    @TempDir
    static Path home;
    static SalesforceSandbox salesforce;
    static HubSpotSandbox hubspot;
    static RunningLeadSync leadSync;
    static ChromeDriver browser;
    static String base;

    @BeforeAll
    static void start() {
        browser = Chromium.start();
        int port = freePort();
        base = "http://localhost:" + port;
        salesforce = SalesforceSandbox.start(0);
        hubspot = HubSpotSandbox.start(0);
        String callback = base + "/oauth/callback";
        leadSync = RunningLeadSync.start(home, Map.ofEntries(
                Map.entry("micronaut.server.port", port),
                Map.entry("leadsync.first-start.enabled", true),
                Map.entry("leadsync.first-start.owner-email", OWNER),
                Map.entry("leadsync.first-start.owner-password", OWNER_PASSWORD),
                Map.entry("leadsync.sync.worker.enabled", true),
                Map.entry("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID),
                Map.entry("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET),
                Map.entry("leadsync.salesforce.login-url", salesforce.baseUrl()),
                Map.entry("leadsync.salesforce.redirect-uri", callback),
                Map.entry("leadsync.hubspot.client-id", HubSpotSandbox.CLIENT_ID),
                Map.entry("leadsync.hubspot.client-secret", HubSpotSandbox.CLIENT_SECRET),
                Map.entry("leadsync.hubspot.api-url", hubspot.baseUrl()),
                Map.entry("leadsync.hubspot.authorize-url", hubspot.baseUrl() + "/oauth/authorize"),
                Map.entry("leadsync.hubspot.redirect-uri", callback)));
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
        if (hubspot != null) {
            hubspot.close();
        }
    }

    @Test
    @Order(1)
    void a_wrong_password_is_refused_and_the_owner_logs_in_to_the_integrations_page() {
        browser.get(base + "/app/integrations");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        logIn(OWNER, "not-the-password");
        assertThat(text(By.cssSelector("[data-testid=login-error]"))).contains("do not match");
        Chromium.screenshot(browser, "login");

        logIn(OWNER, OWNER_PASSWORD);

        assertThat(browser.getCurrentUrl()).endsWith("/app/integrations");
        assertThat(card("SALESFORCE").getText()).contains("Not connected").contains("Connect");
        assertThat(card("HUBSPOT").getText()).contains("Not connected");
        assertThat(card("WEBHOOK").getText()).contains("Coming soon");
    }

    @Test
    @Order(2)
    void the_owner_connects_salesforce_through_its_login_and_consent_pages_and_sees_it_connected() {
        browser.get(base + "/app/integrations");
        card("SALESFORCE").findElement(By.cssSelector("button[type=submit]")).click();
        // The sandbox's own pages, as Salesforce shows them.
        wait(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys("admin@acme.example");
        browser.findElement(By.id("password")).sendKeys("sandbox");
        browser.findElement(By.id("Login")).click();
        wait(ExpectedConditions.elementToBeClickable(By.id("oaapprove"))).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
        assertThat(text(By.id("outcome"))).contains("Connected as admin@acme.example to Acme Corp");
        browser.findElement(By.id("continue")).click();

        assertThat(text(By.cssSelector("[data-testid=state]"))).isEqualTo("Connected");
        assertThat(text(By.cssSelector("[data-testid=email]"))).isEqualTo("admin@acme.example");
        assertThat(text(By.cssSelector("[data-testid=org]"))).isEqualTo("Acme Corp");
        assertThat(browser.findElements(By.cssSelector("[data-testid=ready]"))).isNotEmpty();
        Chromium.screenshot(browser, "connection");
        browser.get(base + "/app/integrations");
        assertThat(card("SALESFORCE").getText()).contains("Connected").contains("admin@acme.example")
                .contains("Acme Corp");
        Chromium.screenshot(browser, "integrations");
    }

    static void logIn(String email, String password) {
        browser.get(base + "/login");
        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
    }

    static WebElement card(String kind) {
        return browser.findElement(By.cssSelector("section.card[data-kind=" + kind + "]"));
    }

    static String text(By by) {
        return wait(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    static <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
