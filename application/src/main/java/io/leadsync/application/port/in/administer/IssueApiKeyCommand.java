package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A new API key for a workspace, with a name an admin recognises and what it may do: {@code agent} for an agent's
 * key, {@code admin} for scripts that administer the workspace (ADR 0048).
 */
public record IssueApiKeyCommand(WorkspaceId workspaceId, String name, Set<ApiKeyScope> scopes) {
    public IssueApiKeyCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scopes, "scopes");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs a scope");
        }
        scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }

    public IssueApiKeyCommand(WorkspaceId workspaceId, String name, ApiKeyScope scope) {
        this(workspaceId, name, EnumSet.of(scope));
    }
}
