package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;

/** A thin java.net.http client for the ITs; it never follows redirects so the OAuth redirect can be read. */
final class SandboxHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String V = "/services/data/v62.0";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String baseUrl;

    SandboxHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> send(String method, String path, String token, String json) {
        return send(method, path, token, json, Map.of());
    }

    HttpResponse<String> send(String method, String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return execute(request.build());
    }

    HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    HttpResponse<String> form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> HttpCall.encode(e.getKey()) + "=" + HttpCall.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return execute(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    String adminToken() {
        return mint("admin@acme.example").get("access_token").asText();
    }

    JsonNode mint(String username) {
        return json(send("POST", "/__sandbox/salesforce/tokens", null, "{\"username\":\"" + username + "\"}"));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a test's JSON literal so assertions compare trees, not whitespace. */
    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> execute(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
