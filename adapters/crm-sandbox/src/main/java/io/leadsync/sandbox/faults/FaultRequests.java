package io.leadsync.sandbox.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The control-API JSON of a fault plan, the same for every CRM sandbox so that tests and demo scripts drive them
 * alike. A fault: {@code {"path":"/x" | "any", "method":"PATCH", "kind":"...", "times":2, "holdMillis":5000}};
 * {@code method} and {@code times} are optional (no {@code times}: every call until cleared). A latency:
 * {@code {"millis":50, "path":..., "method":...}}, path and method optional. Malformed input is an {@link IllegalArgumentException} whose
 * message is meant for the person who wrote the request.
 */
public final class FaultRequests {

    /** Long enough to outlast any sane client timeout, short enough not to pin a server thread for ever. */
    public static final Duration DEFAULT_TIMEOUT_HOLD = Duration.ofSeconds(30);

    private FaultRequests() {
    }

    /**
     * Adds the fault described by {@code body}. {@code kinds} maps a CRM-specific kind (upper-cased) to its fault;
     * {@code TIMEOUT} is understood here, since holding a connection means the same for every CRM.
     */
    public static FaultRule addFault(FaultPlan plan, JsonNode body, Function<String, Optional<Fault>> kinds) {
        requireObject(body);
        JsonNode kindNode = body.path("kind");
        if (!kindNode.isTextual() && !kindNode.isInt()) {
            throw new IllegalArgumentException("\"kind\" is required");
        }
        String kind = kindNode.asText().trim().toUpperCase(Locale.ROOT);
        Fault fault;
        if ("TIMEOUT".equals(kind)) {
            long hold = body.has("holdMillis") ? nonNegative(body, "holdMillis") : DEFAULT_TIMEOUT_HOLD.toMillis();
            fault = Fault.timeout(Duration.ofMillis(hold));
        } else {
            fault = kinds.apply(kind).orElseThrow(() -> new IllegalArgumentException("unknown fault kind: " + kind));
        }
        String path = path(body);
        String method = optionalText(body, "method");
        if (!body.has("times") || body.get("times").isNull()) {
            return plan.injectAlways(method, path, fault);
        }
        JsonNode times = body.get("times");
        if (!times.isInt() || times.intValue() < 1) {
            throw new IllegalArgumentException("\"times\" must be a whole number, 1 or more");
        }
        return plan.inject(method, path, fault, times.intValue());
    }

    public static Optional<FaultRule> setLatency(FaultPlan plan, JsonNode body) {
        requireObject(body);
        if (!body.path("millis").isIntegralNumber()) {
            throw new IllegalArgumentException("\"millis\" is required");
        }
        // Unlike a fault, a latency without a path is the common case: a slow CRM is slow everywhere.
        String path = body.hasNonNull("path") ? path(body) : null;
        return plan.latency(optionalText(body, "method"), path, Duration.ofMillis(nonNegative(body, "millis")));
    }

    /** The rules in force, for {@code GET .../faults}. */
    public static ArrayNode describe(List<FaultRule> rules) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (FaultRule rule : rules) {
            ObjectNode node = array.addObject();
            node.put("id", rule.id());
            node.put("method", rule.method());
            node.put("path", rule.pathPrefix() == null ? "any" : rule.pathPrefix());
            if (rule.isLatency()) {
                node.put("millis", rule.latency().toMillis());
            } else {
                node.put("kind", rule.fault().kind());
                if (rule.fault().isTimeout()) {
                    node.put("holdMillis", rule.fault().hold().toMillis());
                } else {
                    node.put("status", rule.fault().status());
                }
                if (rule.remaining() == FaultRule.UNLIMITED) {
                    node.putNull("times");
                } else {
                    node.put("times", rule.remaining());
                }
            }
        }
        return array;
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
    }

    /** A missing path is refused rather than read as "any": a fault on every endpoint should be asked for. */
    private static String path(JsonNode body) {
        String path = optionalText(body, "path");
        if (path == null) {
            throw new IllegalArgumentException("\"path\" is required: a path prefix, or \"any\"");
        }
        if (!"any".equalsIgnoreCase(path) && !path.startsWith("/")) {
            throw new IllegalArgumentException("\"path\" must start with / (or be \"any\"): " + path);
        }
        return path;
    }

    private static String optionalText(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a string");
        }
        return value.textValue();
    }

    private static long nonNegative(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (!value.isIntegralNumber() || value.longValue() < 0) {
            throw new IllegalArgumentException("\"" + name + "\" must be a whole number, 0 or more");
        }
        return value.longValue();
    }
}
