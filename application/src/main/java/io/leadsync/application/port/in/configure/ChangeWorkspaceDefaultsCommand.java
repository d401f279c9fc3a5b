package io.leadsync.application.port.in.configure;

import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

/** A new product name for the workspace, the lead source of leads an agent sends without one. */
public record ChangeWorkspaceDefaultsCommand(WorkspaceId workspaceId, UserId actor, String productName) {
}
