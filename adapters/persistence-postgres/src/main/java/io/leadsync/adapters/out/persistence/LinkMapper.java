package io.leadsync.adapters.out.persistence;

import io.leadsync.domain.lead.LeadField;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** The merge base of a CRM link, by field api name in its jsonb column. */
final class LinkMapper {
    private LinkMapper() {
    }

    static Map<String, String> toColumn(Map<LeadField, String> lastSynced) {
        Map<String, String> column = new TreeMap<>();
        lastSynced.forEach((field, value) -> column.put(field.apiName(), value));
        return column;
    }

    static Map<LeadField, String> toDomain(Map<String, String> column) {
        Map<LeadField, String> lastSynced = new EnumMap<>(LeadField.class);
        column.forEach((apiName, value) -> lastSynced.put(LeadField.byApiName(apiName).orElseThrow(
                () -> new IllegalStateException("stored merge base has an unknown field " + apiName)), value));
        return lastSynced;
    }
}
