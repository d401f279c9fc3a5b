package io.leadsync.domain.health;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection's delivery queue in figures: leads waiting to go (and how many of them are due now), failed for good,
 * skipped, and since when the oldest due one has waited.
 */
public record QueueTally(long waiting, long due, long failed, long skipped, Optional<Instant> oldestDueAt) {
    public static final QueueTally EMPTY = new QueueTally(0, 0, 0, 0, Optional.empty());

    public QueueTally {
        Objects.requireNonNull(oldestDueAt, "oldestDueAt");
        if (waiting < 0 || due < 0 || failed < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }
}
