package io.leadsync.bootstrap;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser over plain HTTP for the system tests: keeps its cookies, follows no redirects, and can send extra headers
 * on every request (as a reverse proxy in front of LeadSync would add them).
 */
final class WebClient {
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("name=\"next\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private final Map<String, String> headers = new LinkedHashMap<>();

    WebClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    WebClient header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    HttpResponse<String> logIn(String email, String password) throws Exception {
        return logIn("/login", email, password);
    }

    /** Fills in the login form at {@code loginPage} (e.g. {@code /login?next=...}, where a page sent the browser). */
    HttpResponse<String> logIn(String loginPage, String email, String password) throws Exception {
        String form = get(loginPage).body();
        Matcher token = CSRF.matcher(form);
        assertThat(token.find()).as("the login form's token").isTrue();
        Matcher next = NEXT.matcher(form);
        return post("/login", "_csrf=" + token.group(1) + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + (next.find() ? "&next=" + URLEncoder.encode(next.group(1).replace("&amp;", "&"),
                StandardCharsets.UTF_8) : ""));
    }

    /** The CSRF token of the forms on {@code page}. */
    String csrf(String page) throws Exception {
        Matcher token = CSRF.matcher(get(page).body());
        assertThat(token.find()).as("a form on " + page).isTrue();
        return token.group(1);
    }

    /** Posts a form of {@code page} with that page's CSRF token. */
    HttpResponse<String> submit(String page, String path, String form) throws Exception {
        return post(path, "_csrf=" + URLEncoder.encode(csrf(page), StandardCharsets.UTF_8)
                + (form.isEmpty() ? "" : "&" + form));
    }

    /** The value of the session cookie this browser holds, or null. */
    String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("leadsync_session"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
