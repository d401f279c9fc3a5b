package io.leadsync.canary.adapters.in.http;

import io.leadsync.canary.adapters.out.persistence.CanaryRow;

/** Known bad: an inbound adapter using an outbound adapter directly. */
public final class ControllerReachingIntoPersistence {
    public CanaryRow load() {
        return new CanaryRow();
    }
}
