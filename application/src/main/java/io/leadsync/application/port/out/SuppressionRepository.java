package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.workspace.WorkspaceId;

/** Each connection's suppression list; {@link Suppressions#NONE} until an admin sets one. */
public interface SuppressionRepository {
    Suppressions find(WorkspaceId workspaceId, ConnectionId connectionId);

    void replace(WorkspaceId workspaceId, ConnectionId connectionId, Suppressions suppressions);
}
