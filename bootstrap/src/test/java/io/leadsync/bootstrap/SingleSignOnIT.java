package io.leadsync.bootstrap;

import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.WorkspaceId;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect single sign-on (ADR 0028) end to end over plain HTTP with a cookie jar: LeadSync's /sso/login sends the
 * browser to the Salesforce sandbox's real login and consent pages, the sandbox redirects back with a code, LeadSync
 * checks the RS256 id_token against the sandbox's published keys and issues its own session cookie.
 */
class SingleSignOnIT {
    private static final String OWNER = "admin@acme.example";
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    @TempDir
    static Path home;
    static SalesforceSandbox sandbox;
    static RunningLeadSync leadSync;

    @BeforeAll
    static void start() {
        // The real clock: LeadSync checks the id_token's expiry against its own time.
        sandbox = SalesforceSandbox.start(0, Clock.systemUTC());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("leadsync.first-start.enabled", true);
        properties.put("leadsync.first-start.owner-email", OWNER);
        properties.put("leadsync.first-start.owner-password", "owner-password-1");
        properties.put("leadsync.salesforce.client-id", "id");
        properties.put("leadsync.salesforce.client-secret", "secret");
        properties.put("leadsync.salesforce.login-url", "http://localhost:9");
        properties.put("leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback");
        properties.put("micronaut.security.oauth2.enabled", true);
        properties.put("micronaut.security.oauth2.clients.sso.enabled", true);
        properties.put("micronaut.security.oauth2.clients.sso.client-id", "leadsync-sandbox");
        properties.put("micronaut.security.oauth2.clients.sso.client-secret", "sandbox-secret");
        properties.put("micronaut.security.oauth2.clients.sso.openid.issuer", sandbox.baseUrl());
        properties.put("leadsync.sso.name", "Salesforce");
        leadSync = RunningLeadSync.start(home, properties);
    }

    @AfterAll
    static void stop() {
        if (leadSync != null) {
            leadSync.close();
        }
        sandbox.close();
    }

    @Test
    void a_member_signs_in_through_the_provider_and_gets_a_leadsync_session() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.get(leadSync.url() + "/login").body()).contains("Sign in with Salesforce");

        HttpResponse<String> back = browser.signInAtProvider(OWNER);

        assertThat(back.statusCode()).isBetween(300, 399);
        assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/app/overview");
        assertThat(back.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("leadsync_session=").containsIgnoringCase("HttpOnly"));
        HttpResponse<String> page = browser.get(leadSync.url() + "/app/integrations");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(OWNER);
    }

    @Test
    void a_provider_user_without_a_leadsync_account_is_refused_with_a_clear_message() throws Exception {
        Browser browser = new Browser();

        HttpResponse<String> back = browser.signInAtProvider("rep@acme.example");

        String location = back.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/login?sso=unknown");
        assertThat(back.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("leadsync_session=")
                && !cookie.startsWith("leadsync_session=;"));
        assertThat(browser.get(leadSync.url() + location).body())
                .contains("No LeadSync account uses that email address");
        assertThat(browser.get(leadSync.url() + "/app/integrations").statusCode()).isEqualTo(303);
    }

    @Test
    void with_single_sign_on_on_an_agent_api_key_still_authenticates_and_a_forged_one_does_not() throws Exception {
        WorkspaceId workspace = leadSync.context().getBean(WorkspaceRepository.class).all().get(0).id();
        String key = leadSync.context().getBean(IssueApiKeyUseCase.class)
                .issue(new IssueApiKeyCommand(workspace, "agent", java.util.EnumSet.allOf(ApiKeyScope.class))).secret();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> withKey = http.send(HttpRequest.newBuilder(URI.create(leadSync.url() + "/api/v1/leads"))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(leadSync.url() + "/api/v1/leads"))
                .header("Authorization", "Bearer " + key + "x").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    void an_id_token_from_the_provider_opens_neither_the_agent_api_nor_the_admin_api() throws Exception {
        Browser browser = new Browser();
        String redirect = "http://localhost:9/elsewhere";
        String authorize = sandbox.baseUrl() + "/services/oauth2/authorize?response_type=code&client_id=leadsync-sandbox"
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&scope=openid+email&state=s";
        Map<String, String> login = Browser.hidden(browser.get(authorize).body());
        login.put("username", OWNER);
        login.put("pw", "sandbox");
        Map<String, String> consent = Browser.hidden(browser.post(sandbox.baseUrl() + "/services/oauth2/authorize",
                login).body());
        consent.put("decision", "Allow");
        String location = browser.post(sandbox.baseUrl() + "/services/oauth2/authorize", consent).headers()
                .firstValue("Location").orElseThrow();
        String code = URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        String tokens = browser.post(sandbox.baseUrl() + "/services/oauth2/token", Map.of("grant_type",
                "authorization_code", "code", code, "client_id", "leadsync-sandbox", "client_secret", "sandbox-secret",
                "redirect_uri", redirect)).body();
        String idToken = tokens.replaceAll(".*\"id_token\":\"([^\"]+)\".*", "$1");
        assertThat(idToken).startsWith("eyJ");
        HttpClient http = HttpClient.newHttpClient();

        for (String path : new String[] {"/api/v1/leads", "/api/admin/v1/connections"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(leadSync.url() + path))
                    .header("Authorization", "Bearer " + idToken).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            HttpResponse<String> asCookie = http.send(HttpRequest.newBuilder(URI.create(leadSync.url() + path))
                    .header("Cookie", "JWT=" + idToken).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asCookie.statusCode()).as(path + " with a JWT cookie").isEqualTo(401);
        }
    }

    /** A cookie jar that follows nothing by itself, so each hop can be checked. */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        /** /sso/login, the sandbox's login and consent pages; returns LeadSync's answer to the provider's redirect. */
        HttpResponse<String> signInAtProvider(String username) throws Exception {
            HttpResponse<String> toProvider = get(leadSync.url() + "/sso/login/sso");
            assertThat(toProvider.statusCode()).isBetween(300, 399);
            String authorize = toProvider.headers().firstValue("Location").orElseThrow();
            assertThat(authorize).startsWith(sandbox.baseUrl() + "/services/oauth2/authorize?").contains("openid");
            Map<String, String> login = hidden(get(authorize).body());
            login.put("username", username);
            login.put("pw", "sandbox");
            Map<String, String> consent = hidden(post(sandbox.baseUrl() + "/services/oauth2/authorize", login).body());
            consent.put("decision", "Allow");
            HttpResponse<String> redirect = post(sandbox.baseUrl() + "/services/oauth2/authorize", consent);
            assertThat(redirect.statusCode()).isEqualTo(302);
            String callback = redirect.headers().firstValue("Location").orElseThrow();
            assertThat(callback).contains("/sso/callback/sso?code=");
            return get(callback);
        }

        HttpResponse<String> get(String url) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private static Map<String, String> hidden(String html) {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher matcher = HIDDEN.matcher(html);
            while (matcher.find()) {
                fields.put(matcher.group(1), matcher.group(2).replace("&amp;", "&"));
            }
            return fields;
        }
    }
}
