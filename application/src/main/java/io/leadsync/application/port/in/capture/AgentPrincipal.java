package io.leadsync.application.port.in.capture;

import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Who an authenticated key call acts as: a workspace, through one of its keys, with that key's scopes. */
public record AgentPrincipal(WorkspaceId workspaceId, ApiKeyId keyId, String keyPrefix, Set<ApiKeyScope> scopes) {
    public AgentPrincipal {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(scopes, "scopes");
        scopes = scopes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }

    /** How the history names this caller. */
    public String actor() {
        return "api-key:" + keyPrefix;
    }

    public boolean allows(ApiKeyScope scope) {
        return scopes.contains(scope);
    }
}
