package io.leadsync.application.port.in.connect;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.health.ConnectionHealth;
import io.leadsync.domain.health.QueueTally;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Map;
import java.util.Objects;

/**
 * How each connection of a workspace really does (healthy, degraded with the reason, failing, needs re-auth,
 * disconnected), with its failed and waiting leads, derived from its last pushes and pulls and its queue.
 */
public interface ConnectionHealthUseCase {
    /** Every connection of the workspace, by id. */
    Map<ConnectionId, Report> health(WorkspaceId workspaceId);

    /** Every connection of every workspace that is not disconnected: what an operator's metrics show. */
    java.util.List<Located> everywhere();

    /** One connection's report, with where it lives. */
    record Located(WorkspaceId workspaceId, ConnectionId connectionId, io.leadsync.domain.crm.CrmKind kind,
                   Report report) {
        public Located {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(report, "report");
        }
    }

    /** A connection's health and the queue figures it was derived from. */
    record Report(ConnectionHealth health, QueueTally queue) {
        public Report {
            Objects.requireNonNull(health, "health");
            Objects.requireNonNull(queue, "queue");
        }
    }
}
