package io.leadsync.application.port.out;

import io.leadsync.domain.crm.PendingConnect;

import java.util.Optional;

/**
 * OAuth connects waiting for the CRM's callback. Kept in the database, not in a node's memory, so the callback may
 * reach any LeadSync node. The PKCE verifier, and a code waiting for confirmation, are secrets and are stored
 * encrypted.
 */
public interface PendingConnectRepository {
    void save(PendingConnect connect);

    /** The connect started with {@code state}, left in place. */
    Optional<PendingConnect> find(String state);

    /**
     * Removes and returns the connect started with {@code state}: a state is good for one callback only, so a replayed
     * callback finds nothing.
     */
    Optional<PendingConnect> take(String state);

    /**
     * Keeps the callback's authorization code with the connect until the browser that received it confirms (ADR
     * 0045); {@code browserHash} is the hash of that browser's nonce. False when a code is already waiting (a second
     * callback with the same state) or the connect is gone.
     */
    boolean awaitConfirmation(String state, String code, String browserHash);

    /** The connect with a code waiting for confirmation. */
    Optional<Awaiting> findAwaiting(String state);

    /** A connect whose code waits for the confirmation of the browser whose nonce hashes to {@code browserHash}. */
    record Awaiting(PendingConnect connect, String code, String browserHash) {
        @Override
        public String toString() {
            return "Awaiting[" + connect + ", code=***]";
        }
    }
}
