package io.leadsync.domain.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How failed logins slow down whoever keeps guessing, for one subject (an account or a client address): the first
 * {@code freeFailures} cost nothing, each further one doubles the wait before the next attempt (from
 * {@code firstDelay}), and {@code lockoutAfter} failures lock the subject for {@code lockout}. Failures are forgotten
 * {@code lockout} after the last one, so a locked subject starts afresh once its lockout is over.
 */
public record LoginThrottle(int freeFailures, Duration firstDelay, int lockoutAfter, Duration lockout) {
    /** An account: a person mistyping gets three tries at once; a guesser gets ten per quarter of an hour. */
    public static final LoginThrottle PER_ACCOUNT = new LoginThrottle(3, Duration.ofSeconds(1), 10,
            Duration.ofMinutes(15));
    /** A client address: an office behind one address has many users, so it gets more room before it slows. */
    public static final LoginThrottle PER_ADDRESS = new LoginThrottle(10, Duration.ofSeconds(1), 50,
            Duration.ofMinutes(15));

    public LoginThrottle {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(lockout, "lockout");
        if (freeFailures < 0 || lockoutAfter <= freeFailures) {
            throw new IllegalArgumentException("the lockout must come after the free failures");
        }
    }

    /**
     * Until when the subject must wait before its next attempt, after {@code failures} failures, the last at
     * {@code lastFailureAt}; empty when it may try now.
     */
    public Optional<Instant> blockedUntil(int failures, Instant lastFailureAt, Instant now) {
        if (failures <= freeFailures) {
            return Optional.empty();
        }
        Duration wait;
        if (failures >= lockoutAfter) {
            wait = lockout;
        } else {
            int doublings = Math.min(failures - freeFailures - 1, 30);
            wait = firstDelay.multipliedBy(1L << doublings);
            if (wait.compareTo(lockout) > 0) {
                wait = lockout;
            }
        }
        Instant until = lastFailureAt.plus(wait);
        return now.isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    /** Whether failures as old as {@code lastFailureAt} no longer count at {@code now}. */
    public boolean forgotten(Instant lastFailureAt, Instant now) {
        return !now.isBefore(lastFailureAt.plus(lockout));
    }
}
