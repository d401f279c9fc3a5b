package io.leadsync.application.port.in;

import io.leadsync.domain.workspace.UserId;

import java.time.Duration;

/** What a login attempt came to. A refusal never says whether the email has an account. */
public sealed interface LogInOutcome {
    record SignedIn(UserId userId) implements LogInOutcome {
    }

    record Refused() implements LogInOutcome {
    }

    /** Too many failures for this account or address: no password was checked; try again after {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements LogInOutcome {
    }
}
