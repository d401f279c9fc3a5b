package io.leadsync.sandbox.faults;

import java.time.Duration;
import java.util.Locale;

/**
 * One rule of a {@link FaultPlan}: which calls it matches and what it does to them. A rule either adds latency
 * (to every matching call) or injects a fault (into the next {@code remaining} matching calls, or into every one
 * until cleared when {@code remaining} is {@link #UNLIMITED}).
 *
 * @param method     HTTP method to match, upper case; null matches any method
 * @param pathPrefix raw request path prefix to match; null matches any path
 */
public record FaultRule(long id, String method, String pathPrefix, Fault fault, Duration latency, int remaining) {

    public static final int UNLIMITED = -1;

    public FaultRule {
        method = method == null || method.isBlank() ? null : method.trim().toUpperCase(Locale.ROOT);
        pathPrefix = pathPrefix == null || pathPrefix.isBlank() || "any".equalsIgnoreCase(pathPrefix.trim())
                ? null : pathPrefix.trim();
        if ((fault == null) == (latency == null)) {
            throw new IllegalArgumentException("a rule is either a fault or a latency");
        }
        if (latency != null && latency.isNegative()) {
            throw new IllegalArgumentException("latency cannot be negative");
        }
        if (remaining == 0 || remaining < UNLIMITED) {
            throw new IllegalArgumentException("\"times\" must be 1 or more (leave it out for every call)");
        }
    }

    public boolean matches(String requestMethod, String path) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && (pathPrefix == null || path.startsWith(pathPrefix));
    }

    public boolean isLatency() {
        return latency != null;
    }

    /** Same calls matched, so that setting a latency again replaces it instead of adding to it. */
    boolean sameTarget(FaultRule other) {
        return java.util.Objects.equals(method, other.method) && java.util.Objects.equals(pathPrefix, other.pathPrefix);
    }

    FaultRule used() {
        return remaining == UNLIMITED ? this : new FaultRule(id, method, pathPrefix, fault, latency, remaining - 1);
    }
}
