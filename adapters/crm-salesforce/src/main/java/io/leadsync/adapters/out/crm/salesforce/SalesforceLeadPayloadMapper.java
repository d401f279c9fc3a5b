package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.LeadField;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A lead as a Salesforce Lead record in an sObject Collections upsert: field names and JSON types Salesforce takes. */
final class SalesforceLeadPayloadMapper {
    private SalesforceLeadPayloadMapper() {
    }

    /** The Salesforce field that holds LeadSync's lead id: the external id of every upsert. */
    static String externalIdField(List<FieldMapping> mappings) {
        return mappings.stream().filter(mapping -> mapping.appField() == LeadField.LEAD_ID).map(FieldMapping::crmField)
                .findFirst().orElseThrow(() -> new IllegalStateException("the connection maps no field to the lead id"));
    }

    static Map<String, Object> toPayload(CrmRecord record, List<FieldMapping> mappings) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("attributes", Map.of("type", "Lead"));
        for (FieldMapping mapping : mappings) {
            Optional<String> value = record.values().get(mapping.appField());
            if (value != null) {
                // Present but empty clears the Salesforce field; absent leaves it as it is.
                payload.put(mapping.crmField(), value.map(v -> typed(mapping.appField(), v)).orElse(null));
            }
        }
        return payload;
    }

    /** Canonical LeadSync text to the JSON type of the Salesforce field the default provisioning creates. */
    static Object typed(LeadField field, String canonical) {
        return switch (field.type().jsonKind()) {
            case INTEGER -> new BigDecimal(canonical);
            case BOOLEAN -> Boolean.valueOf(canonical);
            case STRING -> canonical;
        };
    }
}
