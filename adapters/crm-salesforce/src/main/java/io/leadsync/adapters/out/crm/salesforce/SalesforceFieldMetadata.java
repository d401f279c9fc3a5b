package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.domain.lead.FieldType;
import io.leadsync.domain.lead.LeadField;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Tooling API metadata of the custom field that holds an app field (SALESFORCE.md section 9), and which describe
 * types can hold it (section 8).
 */
final class SalesforceFieldMetadata {
    private static final Set<String> TEXT_TYPES = Set.of("string", "textarea", "email", "url", "phone", "picklist");
    private static final Set<String> NUMBER_TYPES = Set.of("double", "int", "currency", "percent");

    private SalesforceFieldMetadata() {
    }

    /** The {@code Metadata} object of a Tooling {@code CustomField} create. */
    static Map<String, Object> metadata(LeadField field, String label, boolean externalId) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("label", label);
        if (externalId) {
            metadata.put("type", "Text");
            metadata.put("length", 255);
            metadata.put("externalId", true);
            metadata.put("unique", true);
            metadata.put("caseSensitive", false);
        } else {
            switch (field.type()) {
                case URL, LINKEDIN_URL -> metadata.put("type", "Url");
                case EMAIL -> metadata.put("type", "Email");
                case PHONE -> metadata.put("type", "Phone");
                case SCORE -> number(metadata, 3);
                case COUNT -> number(metadata, 10);
                case BOOLEAN -> {
                    metadata.put("type", "Checkbox");
                    metadata.put("defaultValue", "false");
                }
                case INSTANT -> metadata.put("type", "DateTime");
                case LONG_TEXT -> {
                    metadata.put("type", "LongTextArea");
                    metadata.put("length", 32_000);
                    metadata.put("visibleLines", 5);
                }
                default -> {
                    metadata.put("type", "Text");
                    metadata.put("length", 255);
                }
            }
        }
        metadata.put("required", false);
        metadata.put("description", "Created by LeadSync: " + field.apiName());
        return metadata;
    }

    private static void number(Map<String, Object> metadata, int precision) {
        metadata.put("type", "Number");
        metadata.put("precision", precision);
        metadata.put("scale", 0);
    }

    /** Whether a field of this describe type can hold the app field's values. */
    static boolean holds(String describeType, LeadField field) {
        return switch (field.type().jsonKind()) {
            case INTEGER -> NUMBER_TYPES.contains(describeType);
            case BOOLEAN -> describeType.equals("boolean");
            case STRING -> field.type() == FieldType.INSTANT ? Set.of("datetime", "string").contains(describeType)
                    : TEXT_TYPES.contains(describeType);
        };
    }

    /** A label from the field name: {@code LeadSync_Outreach_Score__c} reads "LeadSync Outreach Score". */
    static String label(String crmField) {
        return crmField.replaceAll("__c$", "").replace('_', ' ');
    }
}
