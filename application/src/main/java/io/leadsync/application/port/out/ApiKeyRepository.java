package io.leadsync.application.port.out;

import io.leadsync.domain.workspace.ApiKey;
import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Optional;

/** Agents' API keys, kept as hashes. */
public interface ApiKeyRepository {
    void insert(ApiKey key);

    /** Marks a key revoked; it stops authenticating at once. */
    void update(ApiKey key);

    /** The key whose secret hashes to {@code secretHash}, in whichever workspace it belongs: how a caller is identified. */
    Optional<ApiKey> findBySecretHash(String secretHash);

    Optional<ApiKey> find(WorkspaceId workspaceId, ApiKeyId id);

    List<ApiKey> list(WorkspaceId workspaceId);
}
