package io.leadsync.application.port.out;

import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One lead as it is to be written into a CRM: canonical values by app field (an empty value clears the CRM field).
 * The adapter maps fields to the CRM's names through the session's mapping and converts types.
 *
 * @param knownRecordId the CRM record this lead is linked to when that record may not carry LeadSync's lead id yet (a
 *                      record a rep made, matched by email on a pull): the adapter must write that record by its id,
 *                      stamping the lead id into it, because an upsert by lead id would create a second record
 * @param inCrm         whether the lead is linked to a live record in this CRM already, so writing it is an update:
 *                      the adapter must not let the CRM's assignment rules take that record from its owner, and only
 *                      a lead that is not in the CRM yet is a create
 * @param linkedRecordId the live CRM record the lead's link names, stamped with the lead id or not: an adapter whose
 *                      CRM lets a rep merge records away (Salesforce) writes it by this id, so a merged-away record
 *                      answers "deleted" and the write can follow it to the survivor instead of creating a new
 *                      record under the lead id the deleted record took with it (ADR 0079)
 */
public record CrmRecord(LeadId leadId, Map<LeadField, Optional<String>> values, Optional<String> knownRecordId,
                        boolean inCrm, Optional<String> linkedRecordId) {
    public CrmRecord {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(knownRecordId, "knownRecordId");
        Objects.requireNonNull(linkedRecordId, "linkedRecordId");
        EnumMap<LeadField, Optional<String>> copy = new EnumMap<>(LeadField.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    public CrmRecord(LeadId leadId, Map<LeadField, Optional<String>> values, Optional<String> knownRecordId,
                     boolean inCrm) {
        this(leadId, values, knownRecordId, inCrm, knownRecordId);
    }

    /** The id a write by record id goes to: the record to stamp, else the linked one; empty for a new lead. */
    public Optional<String> writeId() {
        return knownRecordId.or(() -> inCrm ? linkedRecordId : Optional.empty());
    }

    /** A record known by id is in the CRM; one without is taken for new unless said otherwise. */
    public CrmRecord(LeadId leadId, Map<LeadField, Optional<String>> values, Optional<String> knownRecordId) {
        this(leadId, values, knownRecordId, knownRecordId.isPresent());
    }

    public CrmRecord(LeadId leadId, Map<LeadField, Optional<String>> values) {
        this(leadId, values, Optional.empty());
    }
}
