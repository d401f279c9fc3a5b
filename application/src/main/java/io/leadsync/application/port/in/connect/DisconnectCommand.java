package io.leadsync.application.port.in.connect;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;

/** An admin disconnects a CRM: its tokens are revoked and forgotten, its records stay in the CRM. */
public record DisconnectCommand(WorkspaceId workspaceId, ConnectionId connectionId, String actor) {
    public DisconnectCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(actor, "actor");
    }
}
