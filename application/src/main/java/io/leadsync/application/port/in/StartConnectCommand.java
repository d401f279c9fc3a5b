package io.leadsync.application.port.in;

import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An admin starts connecting a CRM of this kind to the workspace, from an admin UI {@code session} or not. */
public record StartConnectCommand(WorkspaceId workspaceId, CrmKind kind, String actor, Optional<UUID> session) {
    public StartConnectCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(session, "session");
    }

    /** Started without an admin UI session (an API key): its callback needs a confirmation (ADR 0045). */
    public StartConnectCommand(WorkspaceId workspaceId, CrmKind kind, String actor) {
        this(workspaceId, kind, actor, Optional.empty());
    }
}
