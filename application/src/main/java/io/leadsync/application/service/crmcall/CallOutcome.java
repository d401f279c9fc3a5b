package io.leadsync.application.service.crmcall;

import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.ReauthorizationRequiredException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a CRM call through {@link ConnectionCalls} ended: answered, or one of the ways a CRM call fails that the caller
 * must handle (each with the CRM's or LeadSync's reason). Replaces the catch ladder every pipeline used to repeat.
 */
public sealed interface CallOutcome<T> {
    /** The CRM answered (per-record failures, if any, are in the answer). */
    record Answered<T>(T answer) implements CallOutcome<T> {
    }

    /** The refresh token was refused: nothing more goes until an admin authorises the connection again. */
    record NeedsReauth<T>(String reason) implements CallOutcome<T> {
    }

    /** The connection's daily call budget is spent; no call was made. */
    record BudgetSpent<T>(String reason, Instant resumesAt) implements CallOutcome<T> {
    }

    /** The CRM's (or LeadSync's) rate limit: nothing was written. */
    record RateLimited<T>(String reason, Optional<Duration> retryAfter, boolean daily) implements CallOutcome<T> {
    }

    /** The CRM could not be reached or answered 5xx: nothing is known about the records. */
    record Unavailable<T>(String reason) implements CallOutcome<T> {
    }

    /** The CRM refused the whole call (4xx other than auth and limits). */
    record Refused<T>(String reason) implements CallOutcome<T> {
    }

    /** The call's failure in words, or empty when it was answered. */
    default Optional<String> problem() {
        if (this instanceof NeedsReauth<T> reauth) {
            return Optional.of(reauth.reason());
        }
        if (this instanceof BudgetSpent<T> spent) {
            return Optional.of(spent.reason());
        }
        if (this instanceof RateLimited<T> limited) {
            return Optional.of(limited.reason());
        }
        if (this instanceof Unavailable<T> unavailable) {
            return Optional.of(unavailable.reason());
        }
        if (this instanceof Refused<T> refused) {
            return Optional.of(refused.reason());
        }
        return Optional.empty();
    }

    /** Runs {@code call} (one or more calls through a {@link ConnectionCalls}) and names how it ended. */
    static <T> CallOutcome<T> of(Supplier<T> call) {
        try {
            return new Answered<>(Objects.requireNonNull(call.get(), "answer"));
        } catch (ReauthorizationRequiredException e) {
            return new NeedsReauth<>(e.getMessage());
        } catch (BudgetSpentException e) {
            return new BudgetSpent<>(e.getMessage(), e.resumesAt());
        } catch (CrmRateLimitedException e) {
            return new RateLimited<>(e.getMessage(), e.retryAfter(), e.daily());
        } catch (CrmUnavailableException e) {
            return new Unavailable<>(e.getMessage());
        } catch (CrmRejectedException e) {
            return new Refused<>(e.getMessage());
        }
    }
}
