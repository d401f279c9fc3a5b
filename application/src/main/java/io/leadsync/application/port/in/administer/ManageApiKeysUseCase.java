package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.ApiKey;
import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;

/** The API keys of one workspace, as the settings page shows them: listed, narrowed and revoked one by one. */
public interface ManageApiKeysUseCase {
    List<ApiKey> list(WorkspaceId workspaceId);

    /** Revokes the key at once; a key of another workspace is not found. @return whether the key was found */
    boolean revoke(WorkspaceId workspaceId, ApiKeyId keyId);

    /**
     * Leaves the key only {@code scope}, at once: how an admin takes the admin scope from an agent's key issued before
     * keys had scopes. A key of another workspace is not found.
     *
     * @return whether the key was found
     * @throws IllegalArgumentException when the key does not hold {@code scope} (a key never gains one)
     */
    boolean narrow(WorkspaceId workspaceId, ApiKeyId keyId, ApiKeyScope scope);
}
