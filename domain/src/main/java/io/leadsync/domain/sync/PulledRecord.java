package io.leadsync.domain.sync;

import io.leadsync.domain.crm.CrmConversion;
import io.leadsync.domain.lead.LeadField;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One CRM record as a pull read it.
 *
 * @param values     the record's values of the mapped fields by app field, canonical; empty means "no value in the CRM"
 * @param modifiedAt when the CRM last modified the record
 * @param conversion present when a rep converted the record (a Salesforce Lead into a Contact)
 */
public record PulledRecord(String crmRecordId, Map<LeadField, Optional<String>> values, Instant modifiedAt,
                           Optional<CrmConversion> conversion) {
    public PulledRecord {
        if (crmRecordId == null || crmRecordId.isBlank()) {
            throw new IllegalArgumentException("a pulled record has its CRM record id");
        }
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(conversion, "conversion");
        EnumMap<LeadField, Optional<String>> copy = new EnumMap<>(LeadField.class);
        values.forEach((field, value) -> copy.put(field, value == null ? Optional.empty() : value));
        values = Collections.unmodifiableMap(copy);
    }

    public Optional<String> value(LeadField field) {
        return values.getOrDefault(field, Optional.empty());
    }

    /** The fields that hold a value in the CRM. */
    public Map<LeadField, String> presentValues() {
        Map<LeadField, String> present = new EnumMap<>(LeadField.class);
        values.forEach((field, value) -> value.ifPresent(v -> present.put(field, v)));
        return present;
    }
}
