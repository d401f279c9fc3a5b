package io.leadsync.application.port.out;

import io.leadsync.domain.lead.LeadId;

/** The lead changed since it was read; reading again and re-applying resolves it. */
public final class ConcurrentLeadChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConcurrentLeadChangeException(LeadId leadId, long expectedVersion) {
        super("lead " + leadId + " is no longer at version " + expectedVersion);
    }
}
