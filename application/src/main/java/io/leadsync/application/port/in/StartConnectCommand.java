package io.leadsync.application.port.in;

import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;

/** An admin starts connecting a CRM of this kind to the workspace. */
public record StartConnectCommand(WorkspaceId workspaceId, CrmKind kind, String actor) {
    public StartConnectCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
    }
}
