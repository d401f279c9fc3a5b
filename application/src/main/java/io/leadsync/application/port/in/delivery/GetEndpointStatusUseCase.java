package io.leadsync.application.port.in.delivery;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a Web-to-Lead connection stands against Salesforce's 500 leads a rolling day: how many were sent in the
 * window, how many wait for it and when the next slot frees. Empty for a connection of another kind.
 */
public interface GetEndpointStatusUseCase {
    Optional<WindowStatus> status(WorkspaceId workspaceId, ConnectionId connectionId);

    /**
     * @param held       leads queued because the window is full (pending, each with that reason on its delivery)
     * @param nextSlotAt when the earliest held lead is due; empty when none is held
     */
    record WindowStatus(int limit, Duration window, int sentInWindow, int held, Optional<Instant> nextSlotAt) {
        public WindowStatus {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(nextSlotAt, "nextSlotAt");
        }
    }
}
