package io.leadsync.application.port.in.connect;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;

/** Create the connection's fields in the CRM again (and check them), as after "Provision again". */
public record ProvisionConnectionCommand(WorkspaceId workspaceId, ConnectionId connectionId, String actor) {
    public ProvisionConnectionCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(actor, "actor");
    }
}
