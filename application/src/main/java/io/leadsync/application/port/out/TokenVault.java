package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Optional;

/**
 * Each connection's OAuth tokens, kept encrypted at rest: whatever reads the database or a backup sees ciphertext
 * only. Scoped by workspace like every other store.
 */
public interface TokenVault {
    /** Keeps the tokens of a connection, replacing any it had (a refresh, a rotated refresh token, a reconnect). */
    void store(WorkspaceId workspaceId, ConnectionId connectionId, CrmTokens tokens);

    /**
     * @throws SecretUnreadableException if the stored ciphertext cannot be decrypted (tampered, or its key is gone)
     */
    Optional<CrmTokens> find(WorkspaceId workspaceId, ConnectionId connectionId);

    /** Forgets a connection's tokens, as a disconnect must. */
    void delete(WorkspaceId workspaceId, ConnectionId connectionId);
}
