package io.leadsync.application.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The CRM refused the call for its rate limit (HTTP 429). Nothing was written. {@code retryAfter} is how long the CRM
 * asked to wait; a daily limit is not worth waiting for within one run.
 */
public final class CrmRateLimitedException extends CrmUnavailableException {
    private static final long serialVersionUID = 1L;

    private final transient Optional<Duration> retryAfter;
    private final boolean daily;

    public CrmRateLimitedException(String message, Optional<Duration> retryAfter, boolean daily) {
        super(message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        this.daily = daily;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** Whether the day's allowance is spent (rather than a short burst window). */
    public boolean daily() {
        return daily;
    }
}
