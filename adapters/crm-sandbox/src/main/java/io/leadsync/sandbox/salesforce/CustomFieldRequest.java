package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Tooling API {@code CustomField} create body ({@code FullName} + {@code Metadata}, contract digest section 9)
 * read into the field it defines. The checks and messages follow the Metadata API's own ("Must specify 'length'
 * for a CustomField of type Text"), since the Tooling API hands the Metadata member to the same code.
 */
record CustomFieldRequest(String object, String developerName, FieldDefinition field, ObjectNode metadata) {

    private static final Pattern FULL_NAME = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)\\.([A-Za-z0-9_]+)__c");
    private static final Pattern DEVELOPER_NAME = Pattern.compile("[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)");
    private static final int MAX_DEVELOPER_NAME = 40;

    static CustomFieldRequest parse(JsonNode body) {
        if (!body.isObject()) {
            throw new ApiException(400, ApiError.of("JSON_PARSER_ERROR",
                    "Cannot deserialize instance of CustomField from non-object value"));
        }
        JsonNode fullNameNode = body.path("FullName");
        JsonNode metadataNode = body.path("Metadata");
        List<String> missing = new ArrayList<>();
        if (!fullNameNode.isTextual() || fullNameNode.textValue().isBlank()) {
            missing.add("FullName");
        }
        if (!metadataNode.isObject()) {
            missing.add("Metadata");
        }
        if (!missing.isEmpty()) {
            throw new ApiException(400, ApiError.of("REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [" + String.join(", ", missing) + "]", missing));
        }
        String fullName = fullNameNode.textValue().trim();
        var matcher = FULL_NAME.matcher(fullName);
        if (!matcher.matches()) {
            throw integrity("Invalid FullName: " + fullName + ". A custom field's FullName is"
                    + " <Object>.<Name>__c, e.g. Lead.Ext_Lead_Id__c", "FullName");
        }
        String developerName = matcher.group(2);
        if (!DEVELOPER_NAME.matcher(developerName).matches()) {
            throw integrity(SetupObjects.API_NAME_RULES, "FullName");
        }
        if (developerName.length() > MAX_DEVELOPER_NAME) {
            throw integrity("The API name " + developerName + " is longer than " + MAX_DEVELOPER_NAME
                    + " characters", "FullName");
        }
        ObjectNode metadata = (ObjectNode) metadataNode.deepCopy();
        String label = text(metadata, "label");
        if (label == null) {
            throw integrity("Must specify 'label' for a CustomField", "Metadata");
        }
        String type = text(metadata, "type");
        if (type == null) {
            throw integrity("Must specify 'type' for a CustomField", "Metadata");
        }
        String name = developerName + "__c";
        boolean externalId = metadata.path("externalId").asBoolean(false);
        boolean unique = metadata.path("unique").asBoolean(false);
        boolean caseSensitive = metadata.path("caseSensitive").asBoolean(false);
        FieldDefinition field = switch (type) {
            case "Text" -> {
                int length = number(metadata, "length", type, 1, 255);
                yield new FieldDefinition(name, label, "string", length, true, externalId, unique, caseSensitive,
                        true, true, true, false, false, 0, 0, List.of(), List.of());
            }
            case "Email" -> new FieldDefinition(name, label, "email", 80, true, externalId, unique, false, true,
                    true, true, false, false, 0, 0, List.of(), List.of());
            case "Phone" -> FieldDefinition.custom(name, label, "phone", 40, 0, 0);
            case "Url" -> FieldDefinition.custom(name, label, "url", 255, 0, 0);
            case "DateTime" -> FieldDefinition.custom(name, label, "datetime", 0, 0, 0);
            case "Checkbox" -> {
                String value = text(metadata, "defaultValue");
                if (value == null) {
                    throw integrity("Must specify 'defaultValue' for a CustomField of type Checkbox", "Metadata");
                }
                if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
                    throw integrity("Checkbox default value must be true or false: " + value, "Metadata");
                }
                yield FieldDefinition.custom(name, label, "boolean", 0, 0, 0);
            }
            case "Number" -> {
                int precision = number(metadata, "precision", type, 1, 18);
                int scale = number(metadata, "scale", type, 0, precision);
                yield new FieldDefinition(name, label, "double", 0, true, externalId, unique, false, true, true,
                        true, false, false, precision, scale, List.of(), List.of());
            }
            case "LongTextArea" -> {
                int length = number(metadata, "length", type, 256, 131_072);
                number(metadata, "visibleLines", type, 2, 50);
                yield FieldDefinition.custom(name, label, "textarea", length, 0, 0);
            }
            case "Picklist" -> {
                List<String> values = new ArrayList<>();
                metadata.path("valueSet").path("valueSetDefinition").path("value")
                        .forEach(v -> values.add(v.path("fullName").asText(v.path("label").asText())));
                if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
                    throw integrity("Must specify 'valueSet' for a CustomField of type Picklist", "Metadata");
                }
                yield FieldDefinition.custom(name, label, "picklist", 255, 0, 0).withPicklist(values);
            }
            default -> throw new ApiException(400, ApiError.of("JSON_PARSER_ERROR", "Cannot deserialize instance"
                    + " of FieldType from VALUE_STRING value " + type + " or request may be missing a required"
                    + " field"));
        };
        if (metadata.path("required").asBoolean(false)) {
            field = field.withRequired();
        }
        return new CustomFieldRequest(matcher.group(1), developerName, field, metadata);
    }

    private static int number(JsonNode metadata, String name, String type, int min, int max) {
        JsonNode value = metadata.path(name);
        if (value.isMissingNode() || value.isNull()) {
            throw integrity("Must specify '" + name + "' for a CustomField of type " + type, "Metadata");
        }
        int number;
        try {
            number = value.isNumber() ? value.intValue() : Integer.parseInt(value.asText().trim());
        } catch (NumberFormatException e) {
            throw integrity("'" + name + "' must be a number: " + value.asText(), "Metadata");
        }
        if (number < min || number > max) {
            throw integrity("'" + name + "' of a CustomField of type " + type + " must be between " + min
                    + " and " + max + ": " + number, "Metadata");
        }
        return number;
    }

    private static String text(JsonNode metadata, String name) {
        JsonNode value = metadata.path(name);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static ApiException integrity(String message, String field) {
        return new ApiException(400, ApiError.of("FIELD_INTEGRITY_EXCEPTION", message, List.of(field)));
    }
}
