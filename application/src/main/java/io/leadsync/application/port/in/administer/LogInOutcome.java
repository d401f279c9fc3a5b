package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.UserId;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a login attempt came to: signed in as {@code user}, throttled (no password was checked; try again after
 * {@code retryAfter}), or refused (neither), never saying whether the email has an account.
 */
public record LogInOutcome(Optional<UserId> user, Optional<Duration> retryAfter) {
    public LogInOutcome {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static LogInOutcome signedIn(UserId user) {
        return new LogInOutcome(Optional.of(user), Optional.empty());
    }

    public static LogInOutcome refused() {
        return new LogInOutcome(Optional.empty(), Optional.empty());
    }

    public static LogInOutcome throttled(Duration retryAfter) {
        return new LogInOutcome(Optional.empty(), Optional.of(retryAfter));
    }
}
