package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmUnavailableException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Salesforce over HTTP with the JDK client: every connection has its own instance URL, so a client bound to one base
 * URL does not fit, and LeadSync wants each call's status, headers and body as they are (ADR 0012).
 */
@Singleton
// Only where the installation configured a Salesforce connected app (or demo mode configured the sandbox).
@Requires(beans = SalesforceSettings.class)
final class SalesforceHttp {
    /**
     * A response as received: status, the limit header, and the body as a JSON tree (null when empty);
     * {@code shortLimitWait}, for a refusal over a short-lived limit only, is how long the org should be left alone
     * ({@link ShortLimitBackoff}).
     */
    record Response(int status, String limitInfo, JsonNode body, String rawBody, Duration shortLimitWait) {
        Response(int status, String limitInfo, JsonNode body, String rawBody) {
            this(status, limitInfo, body, rawBody, null);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final ThreadLocal<int[]> CALLS = ThreadLocal.withInitial(() -> new int[1]);

    private final HttpClient client;
    private final SalesforceSettings settings;
    private final ShortLimitBackoff shortLimits = new ShortLimitBackoff(Clock.systemUTC());

    SalesforceHttp(SalesforceSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Response postForm(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Response get(URI uri, String accessToken) {
        return send(HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build());
    }

    /** Bulk API 2.0 results are CSV (SALESFORCE.md section 16): asked for as CSV, the body kept raw. */
    Response getCsv(URI uri, String accessToken) {
        return send(HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Authorization", "Bearer " + accessToken).header("Accept", "text/csv").GET().build());
    }

    Response postJson(URI uri, String accessToken, String json) {
        return send(HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response patchJson(URI uri, String accessToken, String json) {
        return patchJson(uri, accessToken, json, Map.of());
    }

    /** A PATCH with extra request headers, such as {@code Sforce-Auto-Assign}. */
    Response patchJson(URI uri, String accessToken, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Bulk API 2.0 job data: the CSV goes as it is, with the token in the header like every other call. */
    Response putCsv(URI uri, String accessToken, String csv) {
        return send(HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json")
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    /**
     * Calls this thread has sent through any instance, for a caller that must count a multi-call operation
     * (provisioning) against the connection's budget: read it before and after.
     */
    int callsOnThisThread() {
        return CALLS.get()[0];
    }

    private Response send(HttpRequest request) {
        CALLS.get()[0]++;
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode json = raw == null || raw.isBlank() ? null : parse(raw);
            Response answer = new Response(response.statusCode(),
                    response.headers().firstValue("Sforce-Limit-Info").orElse(null), json, raw);
            if (SalesforceErrors.shortLimit(answer)) {
                return new Response(answer.status(), answer.limitInfo(), json, raw,
                        shortLimits.refused(request.uri().getHost()));
            }
            return answer;
        } catch (IOException e) {
            // The path only: query strings can carry SOQL with lead data, and tokens never travel in URLs here.
            throw new CrmUnavailableException("Salesforce could not be reached (" + request.uri().getPath() + "): "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException("interrupted while calling Salesforce", e);
        }
    }

    private static JsonNode parse(String raw) {
        try {
            return ObjectMapper.getDefault().readValue(raw, JsonNode.class);
        } catch (IOException e) {
            // Not JSON (an HTML error page from a proxy, for example): keep the raw body for the message.
            return null;
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
