package io.leadsync.domain.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How often and how soon a delivery is tried again after a failure. A record the destination refused for a reason it
 * may drop (a lock, a timeout) gets {@code refusedAttempts}; a destination that could not be reached or answered 5xx
 * says nothing about the record, so it gets the larger {@code unavailableAttempts} (ADR 0027: a CRM down for about an
 * hour loses nothing). Backoff doubles from {@code firstBackoff} up to {@code maxBackoff}. A rate limit or a spent
 * budget is not the record's fault: it holds the delivery without spending an attempt.
 */
public record RetryPolicy(int refusedAttempts, int unavailableAttempts, Duration firstBackoff, Duration maxBackoff,
                          Duration rateLimitWait, Duration dailyLimitWait) {
    /** Why an attempt failed, as far as retrying is concerned. */
    public enum Failure {
        /** The destination refused this record for a reason that may pass (UNABLE_TO_LOCK_ROW, a timeout). */
        REFUSED_FOR_NOW,
        /** The destination refused this record for a reason retrying cannot fix (a bad value, a duplicate). */
        REFUSED_FOR_GOOD,
        /** The destination could not be reached or answered 5xx: nothing is known about the record. */
        UNAVAILABLE
    }

    /** What to do after a failed attempt: try again at {@code at}, or give up for good. */
    public sealed interface AfterFailure permits RetryAt, GiveUp {
    }

    /** Try again from {@code at}; the failed attempt counts. */
    public record RetryAt(Instant at) implements AfterFailure {
    }

    /** No more attempts: the delivery is FAILED with the destination's reason. */
    public record GiveUp(int attempts) implements AfterFailure {
    }

    public RetryPolicy {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(rateLimitWait, "rateLimitWait");
        Objects.requireNonNull(dailyLimitWait, "dailyLimitWait");
        if (refusedAttempts < 1 || unavailableAttempts < 1) {
            throw new IllegalArgumentException("a delivery gets at least one attempt");
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and its cap at least the first wait");
        }
    }

    /**
     * The CRM push (batch upsert and Bulk 2.0): 3 attempts for a refusal, 10 for a CRM that is down or answers 5xx,
     * backoff 30 s doubling to 15 minutes, 10 s for a rate limit without Retry-After, an hour for a spent daily limit.
     */
    public static RetryPolicy crmPush() {
        return new RetryPolicy(3, 10, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(10),
                Duration.ofHours(1));
    }

    /** Activities: 3 attempts whatever the failure, backoff 30 s doubling. */
    public static RetryPolicy activities() {
        return new RetryPolicy(3, 3, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(10),
                Duration.ofHours(1));
    }

    /**
     * Push-only endpoints (webhooks, Web-to-Lead): {@code retries} after the first try, whatever the failure, the wait
     * doubling from {@code firstBackoff} without a cap (an operator chooses both).
     */
    public static RetryPolicy endpoint(int retries, Duration firstBackoff) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries cannot be negative");
        }
        return new RetryPolicy(retries + 1, retries + 1, firstBackoff, Duration.ofDays(3650), Duration.ofSeconds(10),
                Duration.ofHours(1));
    }

    /** The wait after {@code attemptsSoFar} failed attempts: doubling from the first, capped. */
    public Duration backoff(int attemptsSoFar) {
        Duration doubled = firstBackoff.multipliedBy(1L << Math.min(Math.max(attemptsSoFar, 0), 20));
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }

    /** After one more failed attempt ({@code attemptsSoFar} failed before it). */
    public AfterFailure afterFailure(int attemptsSoFar, Failure failure, Instant now) {
        int attempts = attemptsSoFar + 1;
        int allowed = failure == Failure.UNAVAILABLE ? unavailableAttempts : refusedAttempts;
        if (failure == Failure.REFUSED_FOR_GOOD || attempts >= allowed) {
            return new GiveUp(attempts);
        }
        return new RetryAt(now.plus(backoff(attemptsSoFar)));
    }

    /** When a rate-limited call may be made again: as the destination asks, else the default; a daily limit waits long. */
    public Instant afterRateLimit(Optional<Duration> retryAfter, boolean daily, Instant now) {
        return now.plus(daily ? dailyLimitWait : retryAfter.orElse(rateLimitWait));
    }
}
