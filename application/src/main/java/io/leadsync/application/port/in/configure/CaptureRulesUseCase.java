package io.leadsync.application.port.in.configure;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.workspace.WorkspaceId;

/** An admin reads or sets the workspace's duplicate rule and each connection's suppression list. */
public interface CaptureRulesUseCase {
    DuplicateRule duplicateRule(WorkspaceId workspaceId);

    DuplicateRule replaceDuplicateRule(WorkspaceId workspaceId, String actor, DuplicateRule rule);

    /** @throws ConnectionNotFoundException the workspace has no such connection */
    Suppressions suppressions(WorkspaceId workspaceId, ConnectionId connectionId);

    /** @throws ConnectionNotFoundException the workspace has no such connection */
    Suppressions replaceSuppressions(WorkspaceId workspaceId, String actor, ConnectionId connectionId,
                                     Suppressions suppressions);
}
