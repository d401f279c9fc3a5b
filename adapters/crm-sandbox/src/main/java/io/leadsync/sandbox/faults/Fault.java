package io.leadsync.sandbox.faults;

import java.time.Duration;
import java.util.Objects;

/**
 * What a faulted call gets instead of its real answer. {@code kind} is the CRM's own name for it (e.g.
 * {@code UNABLE_TO_LOCK_ROW}); the CRM-specific side turns kind and status into the body its clients expect, so
 * this class never needs to know a vendor's error format.
 *
 * @param kind   the CRM-specific name, as given to the control API
 * @param status the HTTP status to answer with; 0 for a timeout
 * @param hold   how long a timeout holds the connection before closing it without an answer; zero otherwise
 */
public record Fault(String kind, int status, Duration hold) {

    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hold, "hold");
        if (hold.isNegative()) {
            throw new IllegalArgumentException("a timeout cannot hold for a negative time");
        }
    }

    /** A fault answered with an HTTP status and whatever body the CRM side writes for {@code kind}. */
    public static Fault status(String kind, int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return new Fault(kind, status, Duration.ZERO);
    }

    /** Holds the connection for {@code hold}, then closes it without a status line, as a dead upstream would. */
    public static Fault timeout(Duration hold) {
        return new Fault("TIMEOUT", 0, hold);
    }

    public boolean isTimeout() {
        return status == 0;
    }
}
