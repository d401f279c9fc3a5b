package io.leadsync.domain.workspace;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an admin UI session lasts: it ends after {@code idleTimeout} without a request, and at the latest
 * {@code absoluteLifetime} after sign-in, however busy it is.
 */
public record SessionPolicy(Duration idleTimeout, Duration absoluteLifetime) {
    public SessionPolicy {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(absoluteLifetime, "absoluteLifetime");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteLifetime.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("a session needs a positive idle timeout no longer than its lifetime");
        }
    }
}
