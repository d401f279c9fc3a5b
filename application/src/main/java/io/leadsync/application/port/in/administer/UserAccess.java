package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;

/**
 * What a signed-in user may do right now: their role in the workspace they act in (with its name and the product name
 * its leads carry as lead source), and the other workspaces they could switch to.
 */
public record UserAccess(UserId userId, String email, String displayName, WorkspaceId workspaceId,
                         String workspaceName, String productName, Role role, List<WorkspaceChoice> workspaces) {
    public UserAccess {
        workspaces = List.copyOf(workspaces);
    }

    /** One workspace the user belongs to, with their role there. */
    public record WorkspaceChoice(WorkspaceId id, String name, Role role) {
    }
}
