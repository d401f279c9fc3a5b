package io.leadsync.domain.crm;

import java.time.Duration;

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
}
