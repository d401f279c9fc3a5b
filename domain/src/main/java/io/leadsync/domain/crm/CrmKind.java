package io.leadsync.domain.crm;

import io.leadsync.domain.lead.FieldType;
import io.leadsync.domain.lead.LeadField;

import java.util.Optional;

/** The kinds of destination a workspace can connect. */
public enum CrmKind {
    SALESFORCE(true),
    HUBSPOT(true),
    /** Salesforce's form endpoint: push only, 500 leads a rolling day. */
    SALESFORCE_WEB_TO_LEAD(false),
    /** An authenticated HTTPS endpoint of the customer's: push only. */
    WEBHOOK(false),
    /**
     * An Apex REST resource or autolaunched Flow of a Salesforce org, reached with the OAuth tokens of a Salesforce
     * connection of the same workspace: push only, one lead per request.
     */
    SALESFORCE_ENDPOINT(false);

    private final boolean canPull;

    CrmKind(boolean canPull) {
        this.canPull = canPull;
    }

    /**
     * The value this CRM holds after LeadSync writes {@code written} into the field: the same, except that a Salesforce
     * checkbox has no "no value" and holds {@code false}. So a pull does not mistake the CRM's {@code false} for a
     * rep's edit of a field LeadSync left empty.
     */
    public Optional<String> holdsAfterWriting(LeadField field, Optional<String> written) {
        if (this == SALESFORCE && written.isEmpty() && field.type() == FieldType.BOOLEAN) {
            return Optional.of("false");
        }
        return written;
    }

    /** Whether LeadSync can read changes back from this kind. */
    public boolean canPull() {
        return canPull;
    }
}
