package io.leadsync.application.port.in.delivery;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

/** How far a connection's "sync now" (and its queue) has got: the counts the admin watches while it runs. */
public interface GetSyncProgressUseCase {
    /** @throws ConnectionNotFoundException when the workspace has no such connection */
    SyncProgress progress(SyncProgressQuery query);

    /** Which connection. */
    record SyncProgressQuery(WorkspaceId workspaceId, ConnectionId connectionId) {
        public SyncProgressQuery {
            java.util.Objects.requireNonNull(workspaceId, "workspaceId");
            java.util.Objects.requireNonNull(connectionId, "connectionId");
        }
    }
}
