package io.leadsync.application.port.in.delivery;

import io.leadsync.domain.crm.ConnectionId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a connection stands against the workspace's leads, live while a "sync now" runs and after: of {@code leads},
 * how many are delivered, skipped (with a reason in the lead), failed for good, and still waiting in the queue (for
 * their turn, a retry, or a limit). {@code started} and {@code finished} describe the latest "sync now" this
 * installation ran for the connection, when known; {@code crmCalls} what it has taken so far.
 */
public record SyncProgress(ConnectionId connectionId, long leads, long delivered, long skipped, long failed,
                           long waiting, Optional<Instant> started, Optional<Instant> finished, int crmCalls) {
    public SyncProgress {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
    }

    /** Whether a "sync now" is running: started and not finished. */
    public boolean running() {
        return started.isPresent() && finished.isEmpty();
    }
}
