package io.leadsync.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Failed logins counted per subject ({@code account:<email>}, {@code address:<ip>}) for every node at once, so a
 * guesser cannot spread attempts over nodes (ADR 0046).
 */
public interface LoginAttempts {
    /** The subject's failures that still count. */
    Optional<Failures> find(String subject);

    /**
     * Counts one more failure at {@code now}; failures last seen before {@code forgetBefore} are forgotten first.
     * Answers the new count. Atomic: concurrent failures are all counted.
     */
    Failures recordFailure(String subject, Instant now, Instant forgetBefore);

    /** Forgets the subject's failures (after a successful login). */
    void clear(String subject);

    /** How many failures a subject has, and when the last one was. */
    record Failures(int count, Instant lastFailureAt) {
    }
}
