package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.health.SyncRound;
import io.leadsync.domain.health.SyncSignals;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Map;

/**
 * What each connection's last pushes and pulls came to, folded into its {@link SyncSignals}. Any node records a round
 * as it ends; the store folds it in atomically, so rounds of several nodes are never lost to one another.
 */
public interface ConnectionHealthStore {
    /** Keeps nothing: for services built without health (tests of other concerns). */
    ConnectionHealthStore NONE = new ConnectionHealthStore() {
        @Override
        public void record(WorkspaceId workspaceId, ConnectionId connectionId, SyncRound round) {
        }

        @Override
        public Map<ConnectionId, SyncSignals> signals(WorkspaceId workspaceId) {
            return Map.of();
        }
    };

    /** Adds one push batch's or pull's outcome to the connection's signals. */
    void record(WorkspaceId workspaceId, ConnectionId connectionId, SyncRound round);

    /** The signals of the workspace's connections; a connection that never synced is absent. */
    Map<ConnectionId, SyncSignals> signals(WorkspaceId workspaceId);
}
