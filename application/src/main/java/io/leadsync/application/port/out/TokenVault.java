package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Optional;

/**
 * Each connection's OAuth tokens, kept encrypted at rest: whatever reads the database or a backup sees ciphertext
 * only. Scoped by workspace like every other store.
 */
public interface TokenVault {
    /** Keeps the tokens of a connection, replacing any it had (a refresh, a rotated refresh token, a reconnect). */
    void store(WorkspaceId workspaceId, ConnectionId connectionId, CrmTokens tokens);

    /**
     * Replaces the tokens a connection has with refreshed ones; false, and nothing stored, when it has none: a
     * disconnect deleted them while the refresh was at the CRM, and a refresh must not bring them back (ADR 0099).
     */
    boolean replace(WorkspaceId workspaceId, ConnectionId connectionId, CrmTokens tokens);

    /**
     * @throws SecretUnreadableException if the stored ciphertext cannot be decrypted (tampered, or its key is gone)
     */
    Optional<CrmTokens> find(WorkspaceId workspaceId, ConnectionId connectionId);

    /**
     * Claims the right to refresh the connection's tokens until {@code until}, so that across all LeadSync nodes one
     * refresh happens at a time (a rotated refresh token used twice would log the connection out). False when another
     * caller holds an unexpired claim, or there are no tokens.
     */
    boolean claimRefresh(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, Instant until);

    /** Gives up a refresh claim (after storing the refreshed tokens, or after failing). */
    void releaseRefresh(WorkspaceId workspaceId, ConnectionId connectionId);

    /**
     * Encrypts again, under the current key, up to {@code limit} stored tokens that an older key encrypted, so that a
     * retired key can be removed once none is left. A row that changes meanwhile (a refresh) is left alone: it was
     * written under the current key anyway. Returns how many were re-encrypted.
     */
    int reencryptStale(int limit);

    /** Forgets a connection's tokens, as a disconnect must. */
    void delete(WorkspaceId workspaceId, ConnectionId connectionId);
}
