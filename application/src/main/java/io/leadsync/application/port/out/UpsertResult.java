package io.leadsync.application.port.out;

import io.leadsync.domain.crm.CrmConversion;
import io.leadsync.domain.lead.LeadId;

import java.util.Objects;
import java.util.Optional;

/**
 * What the CRM did with one record of an upsert: created or updated it (with its CRM id), or refused it with the CRM's
 * own error code and message, and whether trying the same record again later may succeed. {@code conversion} is
 * present when the adapter found the record converted (a Salesforce Lead made into a Contact) and wrote the Contact
 * instead: {@code crmRecordId} is then the Contact's id.
 */
public record UpsertResult(LeadId leadId, Outcome outcome, Optional<String> crmRecordId, Optional<String> errorCode,
                           Optional<String> message, boolean retryable, Optional<CrmConversion> conversion) {
    public enum Outcome {
        CREATED,
        UPDATED,
        FAILED
    }

    public UpsertResult {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(crmRecordId, "crmRecordId");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(conversion, "conversion");
        if (outcome != Outcome.FAILED && crmRecordId.isEmpty()) {
            throw new IllegalArgumentException("a written record has a CRM id");
        }
    }

    public UpsertResult(LeadId leadId, Outcome outcome, Optional<String> crmRecordId, Optional<String> errorCode,
                        Optional<String> message, boolean retryable) {
        this(leadId, outcome, crmRecordId, errorCode, message, retryable, Optional.empty());
    }

    /** Written to the Contact the record was converted into. */
    public static UpsertResult writtenToConverted(LeadId leadId, CrmConversion conversion) {
        return new UpsertResult(leadId, Outcome.UPDATED, Optional.of(conversion.contactId()), Optional.empty(),
                Optional.empty(), false, Optional.of(conversion));
    }

    public static UpsertResult written(LeadId leadId, boolean created, String crmRecordId) {
        return new UpsertResult(leadId, created ? Outcome.CREATED : Outcome.UPDATED, Optional.of(crmRecordId),
                Optional.empty(), Optional.empty(), false);
    }

    public static UpsertResult failed(LeadId leadId, String errorCode, String message, boolean retryable) {
        return new UpsertResult(leadId, Outcome.FAILED, Optional.empty(), Optional.of(errorCode), Optional.of(message),
                retryable);
    }

    public boolean succeeded() {
        return outcome != Outcome.FAILED;
    }
}
