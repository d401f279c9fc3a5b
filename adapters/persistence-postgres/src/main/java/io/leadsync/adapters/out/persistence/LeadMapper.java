package io.leadsync.adapters.out.persistence;

import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Between a {@link Lead} and its row. Fields are stored by api name so renaming an enum constant cannot lose data. */
final class LeadMapper {
    private LeadMapper() {
    }

    static LeadRow toRow(Lead lead) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> changedAt = new TreeMap<>();
        lead.fields().forEach((field, state) -> {
            values.put(field.apiName(), state.value());
            changedAt.put(field.apiName(), state.changedAt().toString());
        });
        Map<String, String> clearedAt = new TreeMap<>();
        lead.clearedFields().forEach((field, at) -> clearedAt.put(field.apiName(), at.toString()));
        return new LeadRow(lead.workspaceId().value(), lead.id().value(), lead.lastName(),
                lead.value(LeadField.WORK_EMAIL).orElse(null), lead.status().name(),
                lead.value(LeadField.AGENT_ID).orElse(null), lead.createdAt(), lead.updatedAt(), lead.version(),
                values, changedAt, clearedAt);
    }

    static Lead toDomain(LeadRow row) {
        Map<LeadField, Lead.FieldState> fields = new EnumMap<>(LeadField.class);
        row.values().forEach((apiName, value) -> {
            LeadField field = field(apiName);
            String changedAt = row.changedAt().get(apiName);
            if (changedAt == null) {
                throw new IllegalStateException("lead " + row.leadId() + " has no change instant for " + apiName);
            }
            fields.put(field, new Lead.FieldState(value, Instant.parse(changedAt)));
        });
        Map<LeadField, Instant> cleared = new EnumMap<>(LeadField.class);
        row.clearedAt().forEach((apiName, at) -> cleared.put(field(apiName), Instant.parse(at)));
        return Lead.restore(new WorkspaceId(row.workspaceId()), new LeadId(row.leadId()), row.createdAt(),
                row.updatedAt(), row.version(), fields, cleared);
    }

    private static LeadField field(String apiName) {
        return LeadField.byApiName(apiName)
                .orElseThrow(() -> new IllegalStateException("stored lead has an unknown field " + apiName));
    }
}
