package io.leadsync.application.service.crmcall;

import java.time.Instant;

/**
 * The connection's daily allocation of CRM calls is spent (by LeadSync's count, or because the CRM said so): no call
 * was made. The work waits, unharmed, until {@link #resumesAt()}, when the next day's allocation begins.
 */
public final class BudgetSpentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long used;
    private final long allocation;
    private final transient Instant resumesAt;

    BudgetSpentException(long used, long allocation, Instant resumesAt) {
        super("the connection's daily budget of " + allocation + " CRM calls is spent (" + used + " used); it "
                + "returns at " + resumesAt);
        this.used = used;
        this.allocation = allocation;
        this.resumesAt = resumesAt;
    }

    public long used() {
        return used;
    }

    public long allocation() {
        return allocation;
    }

    public Instant resumesAt() {
        return resumesAt;
    }
}
