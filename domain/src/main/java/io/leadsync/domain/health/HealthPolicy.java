package io.leadsync.domain.health;

import java.time.Duration;
import java.util.Objects;

/**
 * When trouble becomes "failing" and a queue "stuck". {@code failingAfter}: rounds in a row in which nothing got
 * through; {@code stuckAfter}: how long a due delivery may wait before it is worth telling.
 */
public record HealthPolicy(int failingAfter, Duration stuckAfter) {
    public static final HealthPolicy DEFAULT = new HealthPolicy(3, Duration.ofMinutes(15));

    public HealthPolicy {
        Objects.requireNonNull(stuckAfter, "stuckAfter");
        if (failingAfter < 1 || stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("failingAfter must be >= 1 and stuckAfter > 0");
        }
    }
}
