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
 */
public record CrmRecord(LeadId leadId, Map<LeadField, Optional<String>> values, Optional<String> knownRecordId) {
    public CrmRecord {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(knownRecordId, "knownRecordId");
        EnumMap<LeadField, Optional<String>> copy = new EnumMap<>(LeadField.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    public CrmRecord(LeadId leadId, Map<LeadField, Optional<String>> values) {
        this(leadId, values, Optional.empty());
    }
}
