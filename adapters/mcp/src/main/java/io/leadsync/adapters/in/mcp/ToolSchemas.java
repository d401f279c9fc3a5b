package io.leadsync.adapters.in.mcp;

import io.leadsync.domain.lead.LeadField;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JSON schemas of the tools' arguments, built from the lead field catalog so a model is told each field's JSON type and
 * rule in the words the refusals use. The schema guides the model; the rules themselves are checked by
 * {@link ToolArguments} and the use cases, as over REST.
 */
final class ToolSchemas {
    static final String TARGETS = "targets";
    static final String DRY_RUN = "dryRun";
    static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private ToolSchemas() {
    }

    static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The lead fields, each nullable (null clears it) except {@code leadId} and {@code lastName}. */
    static Map<String, Object> leadFields(Set<LeadField> fields) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (LeadField field : LeadField.values()) {
            if (!fields.contains(field)) {
                continue;
            }
            String type = field.type().jsonKind().name().toLowerCase(Locale.ROOT);
            boolean clearable = field != LeadField.LEAD_ID && field != LeadField.LAST_NAME;
            properties.put(field.apiName(), Map.of("type", clearable ? List.of(type, "null") : type,
                    "description", field.rule() + (clearable ? "; null clears it" : "")));
        }
        return properties;
    }

    static Map<String, Object> string(String description) {
        return Map.of("type", "string", "description", description);
    }

    static Map<String, Object> integer(String description, int min, int max) {
        return Map.of("type", "integer", "minimum", min, "maximum", max, "description", description);
    }

    static Map<String, Object> enumOf(List<String> values, String description) {
        return Map.of("type", "string", "enum", values, "description", description);
    }

    /** {@code targets}, {@code dryRun} and {@code idempotencyKey}: the options every agent action takes. */
    static void actionOptions(Map<String, Object> properties, boolean dryRun) {
        properties.put(TARGETS, Map.of("type", "array", "items", Map.of("type", "string"),
                "description", "Where to send this change: connection ids from list_crm_connections, or CRM kinds "
                        + "(SALESFORCE, HUBSPOT, WEBHOOK, SALESFORCE_WEB_TO_LEAD) meaning every usable connection of "
                        + "that kind. Leave out to let the workspace's routing rules decide."));
        if (dryRun) {
            properties.put(DRY_RUN, Map.of("type", "boolean", "description", "true: answer what would be written "
                    + "and sent to each target (CRM field names and values), and write and send nothing."));
        }
        properties.put(IDEMPOTENCY_KEY, string("A unique key for this action (1 to 255 characters). Retrying with the "
                + "same key and arguments within 24 hours returns the first answer and does nothing again."));
    }
}
