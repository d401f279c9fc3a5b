package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

/** An owner ({@code actor}) invites {@code email} to the workspace with {@code role}. */
public record InviteMemberCommand(WorkspaceId workspaceId, UserId actor, String email, Role role) {
}
