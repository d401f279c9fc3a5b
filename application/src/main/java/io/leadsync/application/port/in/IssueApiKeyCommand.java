package io.leadsync.application.port.in;

import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;

/** A new API key for a workspace's agents, with a name an admin recognises. */
public record IssueApiKeyCommand(WorkspaceId workspaceId, String name) {
    public IssueApiKeyCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(name, "name");
    }
}
