package io.leadsync.application.port.in;

import io.leadsync.domain.lead.LeadId;

/** The workspace has no lead with this id (another workspace's lead is not found either). */
public final class LeadNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String leadId;

    public LeadNotFoundException(LeadId leadId) {
        super("no lead with id " + leadId);
        this.leadId = leadId.value();
    }

    public String leadId() {
        return leadId;
    }
}
