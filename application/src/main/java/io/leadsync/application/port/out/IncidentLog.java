package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Set;

/**
 * The open incidents, one per connection at most: an alert goes out only for the node whose {@link #open} opened the
 * incident, so several nodes looking at the same trouble send one alert, and one recovery.
 */
public interface IncidentLog {
    /** Opens the connection's incident; true only for the call that opened it (false when one is open already). */
    boolean open(WorkspaceId workspaceId, ConnectionId connectionId, Instant at, String trigger);

    /** Closes the connection's open incident; true only for the call that closed it. */
    boolean close(WorkspaceId workspaceId, ConnectionId connectionId, Instant at);

    /** The connections of the workspace with an open incident. */
    Set<ConnectionId> open(WorkspaceId workspaceId);
}
