package io.leadsync.bootstrap;

import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.context.ApplicationContext;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's admin in a browser: an OAuth connect started through the admin API completes only once the admin who
 * started it confirms it signed in (ADR 0045), so the bench signs in as an owner of the workspace and confirms, as an
 * admin would. A fresh browser (cookie jar) per confirmation, so connects can run in parallel.
 */
final class BenchBrowser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("name=\"next\" value=\"([^\"]+)\"");
    private static final String OWNER = "bench-owner@leadsync.test";
    private static final String PASSWORD = "bench-owner-password-1";

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private BenchBrowser(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Follows the CRM's redirect back to LeadSync and confirms the connect as the workspace's owner. */
    static HttpResponse<String> confirmedCallback(ApplicationContext context, String base, WorkspaceId workspace,
                                                  URI redirect) throws Exception {
        BenchBrowser browser = new BenchBrowser(base);
        HttpResponse<String> callback = browser.get("/oauth/callback?" + redirect.getRawQuery());
        if (callback.statusCode() != 303) {
            return callback;
        }
        String confirm = callback.headers().firstValue("Location").orElseThrow();
        owner(context, workspace);
        HttpResponse<String> toLogin = browser.get(confirm);
        browser.logIn(toLogin.headers().firstValue("Location").orElse("/login"));
        String state = URLDecoder.decode(confirm.substring(confirm.indexOf('=') + 1), StandardCharsets.UTF_8);
        return browser.post("/app/connect/confirm", "_csrf=" + encode(browser.csrf(confirm)) + "&state="
                + encode(state));
    }

    /** The bench's owner, made a member of the workspace (once per workspace; safe from parallel connects). */
    private static synchronized void owner(ApplicationContext context, WorkspaceId workspace) {
        UserRepository users = context.getBean(UserRepository.class);
        User owner = users.findByEmail(OWNER).orElseGet(() -> {
            User created = new User(new UserId(UUID.randomUUID()), OWNER, "Bench owner",
                    context.getBean(PasswordHasher.class).hash(PASSWORD), Instant.now());
            users.insert(created);
            return created;
        });
        users.saveMembership(new Membership(workspace, owner.id(), Role.OWNER));
    }

    private void logIn(String loginPage) throws Exception {
        String form = get(loginPage).body();
        Matcher next = NEXT.matcher(form);
        post("/login", "_csrf=" + encode(token(form)) + "&email=" + encode(OWNER) + "&password=" + encode(PASSWORD)
                + (next.find() ? "&next=" + encode(next.group(1).replace("&amp;", "&")) : ""));
    }

    private String csrf(String page) throws Exception {
        return token(get(page).body());
    }

    private static String token(String page) {
        Matcher token = CSRF.matcher(page);
        if (!token.find()) {
            throw new IllegalStateException("no form token on the page: " + page);
        }
        return token.group(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
