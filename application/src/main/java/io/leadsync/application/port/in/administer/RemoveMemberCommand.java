package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

/** An owner ({@code actor}) takes {@code member} out of the workspace. */
public record RemoveMemberCommand(WorkspaceId workspaceId, UserId actor, UserId member) {
}
