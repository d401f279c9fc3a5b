package io.leadsync.application.port.in.capture;

import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;

/** A new lead duplicates one the workspace already has (its duplicate rule); nothing was written. */
public final class DuplicateLeadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient LeadId existing;
    private final transient LeadField field;

    public DuplicateLeadException(LeadId existing, LeadField field) {
        super("This lead duplicates lead " + existing.value() + " (same " + field.apiName() + "); nothing was written. "
                + "Update that lead instead.");
        this.existing = existing;
        this.field = field;
    }

    public LeadId existing() {
        return existing;
    }

    public LeadField field() {
        return field;
    }
}
