package io.leadsync.application.port.in.configure;

import io.leadsync.application.port.in.capture.InvalidTargetsException;
import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.workspace.WorkspaceId;

/** An admin reads or replaces the workspace's routing rules for agent actions. */
public interface RoutingRulesUseCase {
    RoutingRules rules(WorkspaceId workspaceId);

    /**
     * Replaces every rule at once.
     *
     * @throws InvalidTargetsException a rule names a connection that is unknown, disconnected or takes no pushes
     */
    RoutingRules replace(WorkspaceId workspaceId, String actor, RoutingRules rules);
}
