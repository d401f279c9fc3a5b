package io.leadsync.application.port.in;

import io.leadsync.domain.workspace.ApiKey;
import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;

/** The agent API keys of one workspace, as the settings page shows them: listed, and revoked one by one. */
public interface ManageApiKeysUseCase {
    List<ApiKey> list(WorkspaceId workspaceId);

    /** Revokes the key at once; a key of another workspace is not found. @return whether the key was found */
    boolean revoke(WorkspaceId workspaceId, ApiKeyId keyId);
}
