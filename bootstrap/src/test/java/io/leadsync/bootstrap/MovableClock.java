package io.leadsync.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * LeadSync's clock running with the system's, but which a test can move forward: a retry backoff of 30 seconds or the
 * next UTC day's budget then arrives at once, without the test sleeping. On only where a test sets
 * {@code leadsync.test.movable-clock=true}.
 */
final class MovableClock extends Clock {
    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    /** Moves LeadSync's time {@code by} further ahead of the system's. */
    void advance(Duration by) {
        ahead.updateAndGet(current -> current.plus(by));
    }

    @Override
    public Instant instant() {
        // Whole microseconds, as CoreFactory's clock: what PostgreSQL keeps.
        Instant now = Clock.systemUTC().instant().plus(ahead.get());
        return now.minusNanos(now.getNano() % 1_000);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("LeadSync's clock is UTC");
    }

    @Factory
    @Requires(property = "leadsync.test.movable-clock", value = "true")
    static final class MovableClockFactory {
        @Singleton
        @Replaces(bean = Clock.class, factory = CoreFactory.class)
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}
