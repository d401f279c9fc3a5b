package io.leadsync.sandbox.hubspot;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A portal user's browser on the sandbox's HubSpot authorize pages, for tests and scripted demos: opens the authorize
 * URL, submits the login form as a browser would (every hidden input plus email and password), clicks "Connect app"
 * or "Cancel", and returns where the sandbox redirects to (the client's callback with code and state). It knows
 * nothing the pages do not show; on an error page or a failed login it throws with the page's text.
 */
public final class HubSpotBrowser {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public URI logInAndConsent(URI authorizeUrl, String email, String password, boolean connect) throws Exception {
        HttpResponse<String> loginPage = http.send(HttpRequest.newBuilder(authorizeUrl).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (loginPage.statusCode() != 200) {
            throw new IllegalStateException("authorize page answered " + loginPage.statusCode() + ": "
                    + loginPage.body());
        }
        Map<String, String> login = hiddenInputs(loginPage.body());
        login.put("email", email);
        login.put("password", password);
        HttpResponse<String> consentPage = post(authorizeUrl, login);
        if (!consentPage.body().contains("id=\"consent_form\"")) {
            throw new IllegalStateException("login failed (" + consentPage.statusCode() + "): " + consentPage.body());
        }
        Map<String, String> consent = hiddenInputs(consentPage.body());
        consent.put("decision", connect ? "connect" : "cancel");
        HttpResponse<String> redirect = post(authorizeUrl, consent);
        if (redirect.statusCode() != 302) {
            throw new IllegalStateException("expected a redirect, got " + redirect.statusCode() + ": " + redirect.body());
        }
        return URI.create(redirect.headers().firstValue("Location").orElseThrow());
    }

    private HttpResponse<String> post(URI authorizeUrl, Map<String, String> form) throws Exception {
        URI action = URI.create(authorizeUrl.getScheme() + "://" + authorizeUrl.getAuthority() + "/oauth/authorize");
        String body = form.entrySet().stream().map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> hiddenInputs(String html) {
        Map<String, String> inputs = new LinkedHashMap<>();
        Matcher matcher = HIDDEN.matcher(html);
        while (matcher.find()) {
            inputs.put(unescape(matcher.group(1)), unescape(matcher.group(2)));
        }
        return inputs;
    }

    private static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** A query parameter of a redirect, decoded; throws when absent. */
    public static String parameter(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + uri);
    }
}
