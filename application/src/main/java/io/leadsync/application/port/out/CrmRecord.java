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
 */
public record CrmRecord(LeadId leadId, Map<LeadField, Optional<String>> values) {
    public CrmRecord {
        Objects.requireNonNull(leadId, "leadId");
        EnumMap<LeadField, Optional<String>> copy = new EnumMap<>(LeadField.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }
}
