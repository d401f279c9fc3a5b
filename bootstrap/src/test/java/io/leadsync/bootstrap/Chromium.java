package io.leadsync.bootstrap;

import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Debian's headless Chromium through its own chromedriver, so Selenium Manager never downloads a browser. Without
 * them the browser tests are skipped, except on CI ({@code CI=true}), where they must run.
 */
final class Chromium {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    static ChromeDriver start() {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!present) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI needs " + BROWSER + " and " + DRIVER
                        + " (apt-get install chromium chromium-driver) for the admin UI's browser tests");
            }
            Assumptions.abort("no " + BROWSER + " or " + DRIVER + ": the browser tests are skipped");
        }
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("leadsync-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * Saves what the browser shows as {@code bootstrap/target/screenshots/<name>.png}, and as the README's
     * {@code docs/screenshots/<name>.png} when run with {@code -Dleadsync.screenshots.update=true} (so an ordinary
     * test run leaves the working tree as it was).
     */
    static void screenshot(ChromeDriver driver, String name) {
        try {
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("leadsync.screenshots.update")) {
                Path docs = repositoryRoot().resolve("docs").resolve("screenshots").resolve(name + ".png");
                Files.createDirectories(docs.getParent());
                Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Logs {@code browser} in to {@code leadSync} as a new owner of {@code workspace} (a workspace an admin-API test
     * made), through the login page, after dropping any earlier session.
     */
    static void logInAsNewOwner(ChromeDriver browser, RunningLeadSync leadSync, WorkspaceId workspace, String email) {
        String password = "browser-password-1";
        UserRepository users = leadSync.context().getBean(UserRepository.class);
        User owner = new User(new UserId(UUID.randomUUID()), email, "Browser admin",
                leadSync.context().getBean(PasswordHasher.class).hash(password), Instant.now());
        users.insert(owner);
        users.saveMembership(new Membership(workspace, owner.id(), Role.OWNER));
        browser.get(leadSync.url() + "/login");
        browser.manage().deleteAllCookies();
        browser.get(leadSync.url() + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/app/"));
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the LeadSync repository");
        }
        return dir;
    }
}
