package io.leadsync.application.port.in.delivery;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;

/** An admin asks for every lead of the workspace to be written to one connection now. */
public record SyncNowCommand(WorkspaceId workspaceId, ConnectionId connectionId, String actor) {
    public SyncNowCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(actor, "actor");
    }
}
