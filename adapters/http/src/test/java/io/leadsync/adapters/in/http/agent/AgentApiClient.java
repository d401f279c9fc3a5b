package io.leadsync.adapters.in.http.agent;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * A plain JDK HTTP client, so tests control bytes, headers and content types exactly (Micronaut's client would
 * serialise bodies and throw on error statuses).
 */
final class AgentApiClient {
    record Reply(int status, Map<String, List<String>> headers, String body, Map<String, Object> json) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors() {
            return (List<Map<String, Object>>) json.get("errors");
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final JsonMapper json;

    AgentApiClient(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    Reply send(String method, String path, String key, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> parsed = response.body().isBlank() ? Map.of()
                    : json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
            return new Reply(response.statusCode(), response.headers().map(), response.body(), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply post(String key, String body) {
        return send("POST", "/api/v1/leads", key, "application/json", body);
    }

    Reply patch(String key, String leadId, String body) {
        return send("PATCH", "/api/v1/leads/" + leadId, key, "application/merge-patch+json", body);
    }

    Reply get(String key, String path) {
        return send("GET", path, key, null, null);
    }
}
