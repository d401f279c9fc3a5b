package io.leadsync.application.port.out;

import io.leadsync.domain.lead.LeadId;

/** Another writer created the same lead first; reading again and updating resolves it. */
public final class LeadAlreadyExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LeadAlreadyExistsException(LeadId leadId) {
        super("lead " + leadId + " already exists");
    }
}
