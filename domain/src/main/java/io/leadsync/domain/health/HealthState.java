package io.leadsync.domain.health;

/** How a connection is doing, as an admin must know it. */
public enum HealthState {
    /** Pushes and pulls get through; nothing waits longer than it should. */
    HEALTHY,
    /** It syncs, but something is wrong: some leads failed, the last pull failed, leads wait too long. */
    DEGRADED,
    /** Nothing gets through: rounds keep failing, or the connection cannot sync until it is set up. */
    FAILING,
    /** The CRM refused LeadSync's authorisation: nothing moves until an admin connects again. */
    NEEDS_REAUTH,
    /** An admin disconnected it: nothing is sent or read, on purpose. */
    DISCONNECTED;

    /** Whether an admin should look at it. */
    public boolean needsAttention() {
        return this == DEGRADED || this == FAILING || this == NEEDS_REAUTH;
    }
}
