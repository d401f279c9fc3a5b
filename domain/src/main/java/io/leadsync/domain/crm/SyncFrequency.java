package io.leadsync.domain.crm;

import java.time.Duration;
import java.time.Instant;

/** How often a connection pulls; {@link #REALTIME} also pushes as soon as a change commits. */
public enum SyncFrequency {
    REALTIME(Duration.ofMinutes(1)),
    EVERY_5_MIN(Duration.ofMinutes(5)),
    EVERY_15_MIN(Duration.ofMinutes(15)),
    HOURLY(Duration.ofHours(1));

    private final Duration pullInterval;

    SyncFrequency(Duration pullInterval) {
        this.pullInterval = pullInterval;
    }

    public Duration pullInterval() {
        return pullInterval;
    }

    /**
     * When a change made at {@code now} is due to be pushed: at once in REALTIME, else at the next boundary of the
     * interval (wall-clock aligned, so every change of one cycle goes in one batch).
     */
    public Instant pushDueAt(Instant now) {
        if (this == REALTIME) {
            return now;
        }
        long interval = pullInterval.toMillis();
        long millis = now.toEpochMilli();
        return Instant.ofEpochMilli((millis + interval - 1) / interval * interval);
    }
}
