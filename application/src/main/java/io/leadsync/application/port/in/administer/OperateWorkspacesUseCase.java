package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.Invitation;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Optional;

/**
 * What the operator of an installation does for a host product (ADR 0047): a workspace per customer, with its first
 * owner invited and its API keys; the list; suspension (its keys and sessions stop working at once).
 */
public interface OperateWorkspacesUseCase {
    CreatedWorkspace create(CreateOperatedWorkspaceCommand command);

    List<Workspace> list();

    /** Empty when there is no such workspace. */
    Optional<Workspace> suspend(WorkspaceId workspaceId);

    /** A new workspace: its owner's invitation (the token for the link, shown once) and its keys (shown once). */
    record CreatedWorkspace(Workspace workspace, Invitation ownerInvitation, String invitationToken,
                            List<IssuedApiKey> keys) {
        @Override
        public String toString() {
            return "CreatedWorkspace[" + workspace.id() + ", secrets=***]";
        }
    }
}
