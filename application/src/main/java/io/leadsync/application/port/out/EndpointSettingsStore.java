package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Optional;

/**
 * The endpoint settings of push-only connections (webhooks, Web-to-Lead). Secrets in them are kept encrypted at rest,
 * like the OAuth tokens in the {@link TokenVault}. Scoped by workspace like every other store.
 */
public interface EndpointSettingsStore {
    /** Keeps a connection's settings, replacing any it had. */
    void save(WorkspaceId workspaceId, ConnectionId connectionId, EndpointSettings settings);

    /**
     * @throws SecretUnreadableException if a stored secret cannot be decrypted (tampered, or its key is gone)
     */
    Optional<EndpointSettings> find(WorkspaceId workspaceId, ConnectionId connectionId);

    /** Forgets a connection's settings and secrets, as a disconnect must. */
    void delete(WorkspaceId workspaceId, ConnectionId connectionId);

    /**
     * Encrypts again, under the current key, up to {@code limit} stored settings whose secrets an older key encrypted;
     * answers how many.
     */
    int reencryptStale(int limit);
}
