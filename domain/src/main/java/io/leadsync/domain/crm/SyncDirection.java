package io.leadsync.domain.crm;

/** Which way values may flow, for a whole connection or for one mapped field. */
public enum SyncDirection {
    /** LeadSync to the CRM only. */
    PUSH,
    /** The CRM to LeadSync only. */
    PULL,
    BIDIRECTIONAL;

    public boolean allowsPush() {
        return this != PULL;
    }

    public boolean allowsPull() {
        return this != PUSH;
    }

    /** The direction both this and {@code other} allow; null when they allow nothing in common. */
    public SyncDirection narrowedBy(SyncDirection other) {
        boolean push = allowsPush() && other.allowsPush();
        boolean pull = allowsPull() && other.allowsPull();
        if (push && pull) {
            return BIDIRECTIONAL;
        }
        if (push) {
            return PUSH;
        }
        return pull ? PULL : null;
    }
}
