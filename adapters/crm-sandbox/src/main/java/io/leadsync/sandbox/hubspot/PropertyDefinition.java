package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A property of an object type, as the Properties API describes it. */
record PropertyDefinition(String name, String label, String type, String fieldType, String groupName,
        String description, List<Option> options, int displayOrder, boolean hasUniqueValue, boolean hidden,
        boolean formField, boolean hubspotDefined, boolean readOnlyValue, Instant createdAt, Instant updatedAt) {

    record Option(String label, String value, int displayOrder, boolean hidden, String description) {
    }

    /** Allowed fieldTypes per type (digest section 4). */
    static final Map<String, List<String>> FIELD_TYPES = Map.of(
            "string", List.of("text", "textarea", "html", "phonenumber", "file", "calculation_equation"),
            "number", List.of("number", "calculation_equation"),
            "bool", List.of("booleancheckbox", "calculation_equation"),
            "enumeration", List.of("select", "radio", "checkbox", "booleancheckbox", "calculation_equation"),
            "date", List.of("date"),
            "datetime", List.of("date"),
            "phone_number", List.of("phonenumber"));

    static PropertyDefinition standard(String name, String label, String type, String fieldType, String group,
            boolean readOnly, Instant at, List<Option> options) {
        return new PropertyDefinition(name, label, type, fieldType, group, "", options, -1, false, false,
                !readOnly, true, readOnly, at, at);
    }

    static PropertyDefinition text(String name, String label, String group, Instant at) {
        return standard(name, label, "string", "text", group, false, at, List.of());
    }

    static List<Option> options(String... values) {
        java.util.ArrayList<Option> options = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            options.add(new Option(values[i].substring(values[i].indexOf('=') + 1),
                    values[i].substring(0, values[i].indexOf('=')), i, false, ""));
        }
        return List.copyOf(options);
    }

    boolean allowsValue(String value) {
        return options.stream().anyMatch(option -> option.value().equals(value));
    }

    ObjectNode toJson(boolean archived) {
        ObjectNode body = toJson();
        body.put("archived", archived);
        return body;
    }

    ObjectNode toJson() {
        ObjectNode body = HubSpotJson.object();
        body.put("updatedAt", HubSpotTime.format(updatedAt));
        body.put("createdAt", HubSpotTime.format(createdAt));
        body.put("name", name);
        body.put("label", label);
        body.put("type", type);
        body.put("fieldType", fieldType);
        body.put("description", description);
        body.put("groupName", groupName);
        ArrayNode optionArray = body.putArray("options");
        for (Option option : options) {
            ObjectNode node = optionArray.addObject();
            node.put("label", option.label());
            node.put("value", option.value());
            node.put("displayOrder", option.displayOrder());
            node.put("hidden", option.hidden());
            node.put("description", option.description());
        }
        body.put("displayOrder", displayOrder);
        body.put("calculated", false);
        body.put("externalOptions", false);
        body.put("hasUniqueValue", hasUniqueValue);
        body.put("hidden", hidden);
        body.put("hubspotDefined", hubspotDefined);
        ObjectNode metadata = body.putObject("modificationMetadata");
        metadata.put("archivable", !hubspotDefined);
        metadata.put("readOnlyDefinition", hubspotDefined);
        metadata.put("readOnlyValue", readOnlyValue);
        body.put("formField", formField);
        body.put("dataSensitivity", "non_sensitive");
        body.put("archived", false);
        return body;
    }
}
