package io.leadsync.application.port.out;

import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.workspace.WorkspaceId;

/** A workspace's routing rules for agent actions; {@link RoutingRules#NONE} until an admin sets some. */
public interface AgentRoutingRepository {
    RoutingRules find(WorkspaceId workspaceId);

    /** Replaces all of the workspace's rules at once. */
    void replace(WorkspaceId workspaceId, RoutingRules rules);
}
