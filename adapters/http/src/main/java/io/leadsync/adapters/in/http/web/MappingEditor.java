package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.application.port.in.CrmCallFailedException;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.configure.ListCrmFieldsUseCase;
import io.leadsync.application.port.in.configure.MappingInput;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The field mapping editor's rows: each LeadSync field in words, the CRM field typed or chosen from the CRM's own
 * fields (Salesforce describe, HubSpot properties) with their types, whether the pair fits, and a refused row's
 * reason beside it.
 */
@Singleton
final class MappingEditor {
    private final ListCrmFieldsUseCase crmFields;

    MappingEditor(ListCrmFieldsUseCase crmFields) {
        this.crmFields = crmFields;
    }

    static Map<String, Object> row(String appField, String crmField, String direction, String policy) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("appField", appField);
        row.put("appLabel", LeadField.byApiName(appField).map(f -> Pages.fieldLabel(f.apiName())).orElse(appField));
        row.put("crmField", crmField);
        row.put("direction", direction);
        row.put("conflictPolicy", policy);
        row.put("error", null);
        row.put("fit", null);
        row.put("fitBadge", null);
        return row;
    }

    /** Reads the CRM's fields for the model ({@code crmFields}, or {@code crmFieldsNote} why not) and annotates rows. */
    void offer(Map<String, Object> model, WorkspaceId workspaceId, CrmConnection connection) {
        List<ListCrmFieldsUseCase.OfferedField> fields = List.of();
        String note = null;
        if (connection.kind().canPull() && connection.identity().isPresent()
                && connection.state() != io.leadsync.domain.crm.ConnectionState.DISCONNECTED) {
            try {
                fields = crmFields.fields(workspaceId, connection.id());
            } catch (ConnectionNotSyncingException | CrmCallFailedException e) {
                note = "The CRM's fields could not be read now (" + e.getMessage() + "); type field names as the CRM "
                        + "spells them.";
            }
        }
        model.put("crmFieldList", fields);
        model.put("crmFieldsNote", note);
        List<Map<String, Object>> offered = new ArrayList<>();
        for (ListCrmFieldsUseCase.OfferedField field : fields) {
            offered.add(Map.of("name", field.name(), "label", field.label(), "type", field.type(),
                    "writable", field.writable(), "holds", field.holds().stream().map(f -> Pages.fieldLabel(f.apiName()))
                            .sorted().toList()));
        }
        model.put("crmFields", offered);
        annotate(model, connection);
    }

    /** Says for each row of {@code mappings} whether its CRM field exists and can hold the LeadSync field. */
    @SuppressWarnings("unchecked")
    void annotate(Map<String, Object> model, CrmConnection connection) {
        List<ListCrmFieldsUseCase.OfferedField> fields = (List<ListCrmFieldsUseCase.OfferedField>) model
                .getOrDefault("crmFieldList", List.of());
        if (fields.isEmpty()) {
            return;
        }
        String crm = ConnectionViews.kindName(connection.kind());
        for (Map<String, Object> row : (List<Map<String, Object>>) model.get("mappings")) {
            String name = String.valueOf(row.get("crmField"));
            Optional<LeadField> appField = LeadField.byApiName(String.valueOf(row.get("appField")));
            if (name.isBlank() || appField.isEmpty()) {
                continue;
            }
            boolean pushes = SyncDirection.valueOf(String.valueOf(row.get("direction"))).allowsPush();
            Optional<ListCrmFieldsUseCase.OfferedField> found = fields.stream()
                    .filter(field -> field.name().equalsIgnoreCase(name)).findFirst();
            if (found.isEmpty()) {
                // LeadSync's own custom fields appear once provisioned; anything else is a typo or a hidden field.
                row.put("fit", "Not in " + crm + " for the connected user" + (name.toLowerCase().contains("leadsync")
                        ? " yet: Provision again creates it" : ": check the spelling or the field's visibility"));
                row.put("fitBadge", "warn");
            } else if (found.get().fits(appField.get(), pushes)) {
                row.put("fit", "Fits: " + found.get().label() + " (" + found.get().type() + ")");
                row.put("fitBadge", "ok");
            } else if (!found.get().holds().contains(appField.get())) {
                row.put("fit", "Does not fit: a " + found.get().type() + " field cannot hold "
                        + row.get("appLabel"));
                row.put("fitBadge", "bad");
            } else {
                row.put("fit", "Read-only in " + crm + ": pull it only, or choose a field LeadSync may write");
                row.put("fitBadge", "bad");
            }
        }
    }

    /** {@code mappings/19/crmField} as the admin saw it: the row's LeadSync field and the column. */
    static String rowViolation(InvalidSettingsException.Violation violation, List<MappingInput> rows) {
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("mappings/(\\d+)(?:/(\\w+))?")
                .matcher(violation.path());
        if (!row.matches() || Integer.parseInt(row.group(1)) >= rows.size()) {
            return violation.path() + ": " + violation.rule();
        }
        String column = row.group(2) == null ? "" : switch (row.group(2)) {
            case "crmField" -> ", CRM field";
            case "direction" -> ", direction";
            case "conflictPolicy" -> ", conflict rule";
            default -> ", " + row.group(2);
        };
        return Pages.fieldLabel(rows.get(Integer.parseInt(row.group(1))).appField()) + column + ": "
                + violation.rule();
    }

}
