package io.leadsync.application.port.in.connect;

import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;

public record ListConnectionsQuery(WorkspaceId workspaceId) {
    public ListConnectionsQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
    }
}
