package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A failed call, answered in HubSpot's error body: {@code status, message, correlationId, category} plus whatever
 * the case adds ({@code context}, {@code errors}, {@code links}, ...). Every answer gets a fresh correlation id.
 */
final class HubSpotError extends RuntimeException {

    private final int httpStatus;
    private final ObjectNode body;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    private HubSpotError(int httpStatus, ObjectNode body) {
        super(body.path("message").asText());
        this.httpStatus = httpStatus;
        this.body = body;
    }

    /** The usual CRM error: {@code {"status":"error","message","correlationId","category"}}. */
    static HubSpotError of(int httpStatus, String category, String message) {
        return of(httpStatus, category, message, extra -> { });
    }

    static HubSpotError of(int httpStatus, String category, String message, Consumer<ObjectNode> extra) {
        ObjectNode body = HubSpotJson.object();
        body.put("status", "error");
        body.put("message", message);
        body.put("correlationId", correlationId());
        if (category != null) {
            body.put("category", category);
        }
        extra.accept(body);
        return new HubSpotError(httpStatus, body);
    }

    /** A body of the caller's making (the OAuth token errors and 429s have their own shapes). */
    static HubSpotError raw(int httpStatus, ObjectNode body) {
        return new HubSpotError(httpStatus, body);
    }

    static HubSpotError validation(String message) {
        return of(400, "VALIDATION_ERROR", message);
    }

    static HubSpotError notFound() {
        return of(404, "OBJECT_NOT_FOUND", "resource not found");
    }

    static String correlationId() {
        return UUID.randomUUID().toString();
    }

    HubSpotError withHeaders(java.util.Map<String, String> extra) {
        headers.putAll(extra);
        return this;
    }

    java.util.Map<String, String> headers() {
        return headers;
    }

    int httpStatus() {
        return httpStatus;
    }

    ObjectNode body() {
        return body;
    }
}
