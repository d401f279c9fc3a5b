package io.leadsync.application.port.in;

import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;

/** Who an authenticated agent call acts as: a workspace, through one of its keys. */
public record AgentPrincipal(WorkspaceId workspaceId, ApiKeyId keyId, String keyPrefix) {
    public AgentPrincipal {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    /** How the history names this caller. */
    public String actor() {
        return "api-key:" + keyPrefix;
    }
}
