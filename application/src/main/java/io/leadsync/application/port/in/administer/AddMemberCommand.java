package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

/**
 * Gives {@code email} the {@code role} in the workspace, creating the user with {@code password} when no user has
 * that email yet (an existing user keeps their password). {@code actor} must own the workspace.
 */
public record AddMemberCommand(WorkspaceId workspaceId, UserId actor, String email, String displayName, Role role,
                               String password) {
    @Override
    public String toString() {
        return "AddMemberCommand[" + workspaceId + ", " + email + ", " + role + "]";
    }
}
