package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * HubSpot over HTTP with the JDK client, like the Salesforce adapter (ADR 0012): each call's status, headers and body
 * as they are, because the rate-limit headers and {@code Retry-After} steer what LeadSync does next.
 */
@Singleton
@Requires(beans = HubSpotSettings.class)
final class HubSpotHttp {
    /** A response as received; {@code body} is null when empty or not JSON. */
    record Response(int status, HttpHeaders headers, JsonNode body, String rawBody) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** {@code Retry-After} in seconds, when HubSpot sent one. */
        Optional<Duration> retryAfter() {
            return headers.firstValue("Retry-After").flatMap(value -> {
                try {
                    return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            });
        }

        /** The portal's daily allowance as the rate-limit headers report it (HubSpot leaves them off for some apps). */
        Optional<ApiUsage> usage() {
            Optional<Long> daily = number("X-HubSpot-RateLimit-Daily");
            Optional<Long> remaining = number("X-HubSpot-RateLimit-Daily-Remaining");
            if (daily.isEmpty() || remaining.isEmpty() || daily.get() <= 0) {
                return Optional.empty();
            }
            return Optional.of(new ApiUsage(Math.max(0, daily.get() - remaining.get()), daily.get()));
        }

        private Optional<Long> number(String header) {
            return headers.firstValue(header).flatMap(value -> {
                try {
                    return Optional.of(Long.parseLong(value.trim()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            });
        }
    }

    private static final ThreadLocal<int[]> CALLS = ThreadLocal.withInitial(() -> new int[1]);

    private final HttpClient client;
    private final HubSpotSettings settings;

    HubSpotHttp(HubSpotSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    URI api(String pathAndQuery) {
        return URI.create(settings.apiUrl() + pathAndQuery);
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
        return send(authorized(uri, accessToken).GET().build());
    }

    Response postJson(URI uri, String accessToken, Object body) {
        return send(authorized(uri, accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    Response patchJson(URI uri, String accessToken, Object body) {
        return send(authorized(uri, accessToken).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    private HttpRequest.Builder authorized(URI uri, String accessToken) {
        return HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json");
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
            return new Response(response.statusCode(), response.headers(), json, raw);
        } catch (IOException e) {
            // The path only (never the query), and not even that for the OAuth calls.
            String path = request.uri().getPath().startsWith("/oauth/") ? "/oauth/..." : request.uri().getPath();
            throw new CrmUnavailableException("HubSpot could not be reached (" + path + "): "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException("interrupted while calling HubSpot", e);
        }
    }

    private static JsonNode parse(String raw) {
        try {
            return ObjectMapper.getDefault().readValue(raw, JsonNode.class);
        } catch (IOException e) {
            return null;
        }
    }

    static String json(Object value) {
        try {
            return ObjectMapper.getDefault().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return value.isValueNode() ? Optional.of(value.coerceStringValue()) : Optional.empty();
    }
}
