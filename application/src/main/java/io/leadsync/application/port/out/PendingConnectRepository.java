package io.leadsync.application.port.out;

import io.leadsync.domain.crm.PendingConnect;

import java.util.Optional;

/**
 * OAuth connects waiting for the CRM's callback. Kept in the database, not in a node's memory, so the callback may
 * reach any LeadSync node. The PKCE verifier is a secret and is stored encrypted.
 */
public interface PendingConnectRepository {
    void save(PendingConnect connect);

    /**
     * Removes and returns the connect started with {@code state}: a state is good for one callback only, so a replayed
     * callback finds nothing.
     */
    Optional<PendingConnect> take(String state);
}
