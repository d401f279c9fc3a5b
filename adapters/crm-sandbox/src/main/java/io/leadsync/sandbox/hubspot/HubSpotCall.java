package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One request as the endpoints see it, and the response they answer with. */
final class HubSpotCall {

    record Reply(int status, Map<String, String> headers, String contentType, byte[] body) {

        static Reply json(int status, JsonNode body) {
            return new Reply(status, new LinkedHashMap<>(), "application/json;charset=utf-8",
                    HubSpotJson.bytes(body));
        }

        static Reply html(int status, String html) {
            return new Reply(status, new LinkedHashMap<>(), "text/html;charset=utf-8",
                    html.getBytes(StandardCharsets.UTF_8));
        }

        static Reply empty(int status) {
            return new Reply(status, new LinkedHashMap<>(), null, new byte[0]);
        }

        static Reply redirect(String location) {
            Reply reply = empty(302);
            reply.headers().put("Location", location);
            return reply;
        }

        static Reply error(HubSpotError e) {
            Reply reply = json(e.httpStatus(), e.body());
            reply.headers().putAll(e.headers());
            return reply;
        }
    }

    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final HttpExchange exchange;
    private byte[] body;

    HubSpotCall(HttpExchange exchange) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        this.path = exchange.getRequestURI().getRawPath();
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    /** Query parameters that take a list, which HubSpot accepts comma-separated or repeated (as its Node client sends). */
    private static final Set<String> LIST_PARAMETERS = Set.of("properties", "propertiesWithHistory", "associations");

    /** Like {@link #parseForm}, but a repeated list parameter ({@code ?properties=a&properties=b}) reads as "a,b". */
    static Map<String, String> parseQuery(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (LIST_PARAMETERS.contains(name) && values.containsKey(name)) {
                values.put(name, values.get(name) + "," + value);
            } else {
                values.putIfAbsent(name, value);
            }
        }
        return values;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    /** The path split on {@code /}, each segment URL-decoded (an email used as an id arrives encoded). */
    List<String> segments() {
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    String query(String name) {
        return query.get(name);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    byte[] body() {
        if (body == null) {
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return body;
    }

    JsonNode json() {
        return HubSpotJson.parse(body());
    }

    Map<String, String> form() {
        return parseForm(new String(body(), StandardCharsets.UTF_8));
    }

    static Map<String, String> parseForm(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
