package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Property groups and definitions as HubSpot's properties API changes them: create, PATCH and archive, with its
 * checks (names, type/fieldType pairs, groups, options, the unique-value cap). The caller ({@link CrmStore}) holds
 * the lock.
 */
final class PropertySchemas {

    static final Pattern PROPERTY_NAME = Pattern.compile("^[a-z][a-z0-9_]*$");

    private PropertySchemas() {
    }

    static ObjectNode createGroup(CrmStore.Schema schema, JsonNode body) {
        String name = requiredText(body, "name");
        String label = requiredText(body, "label");
        if (!PROPERTY_NAME.matcher(name).matches()) {
            throw HubSpotError.validation("Property group name '" + name + "' must start with a lowercase letter"
                    + " and contain only lowercase letters, digits and underscores");
        }
        if (schema.groups.containsKey(name)) {
            throw HubSpotError.of(409, "CONFLICT", "A property group named '" + name + "' already exists.");
        }
        ObjectNode group = HubSpotJson.object();
        group.put("name", name);
        group.put("label", label);
        group.put("displayOrder", body.path("displayOrder").asInt(-1));
        group.put("archived", false);
        schema.groups.put(name, group);
        return group.deepCopy();
    }

    static PropertyDefinition createProperty(CrmStore.Schema schema, JsonNode body, Instant now) {
        String name = requiredText(body, "name");
        String label = requiredText(body, "label");
        String kind = requiredText(body, "type");
        String fieldType = requiredText(body, "fieldType");
        String groupName = requiredText(body, "groupName");
        if (!PROPERTY_NAME.matcher(name).matches() || name.length() > 100) {
            throw HubSpotError.validation("Property name '" + name + "' must start with a lowercase letter and"
                    + " contain only lowercase letters, digits and underscores");
        }
        if (schema.properties.containsKey(name) || schema.archivedProperties.containsKey(name)) {
            throw HubSpotError.of(409, "CONFLICT", "Property named '" + name + "' already exists.");
        }
        List<String> allowed = PropertyDefinition.FIELD_TYPES.get(kind);
        if (allowed == null) {
            throw HubSpotError.validation("Invalid type '" + kind + "'; expected one of "
                    + new java.util.TreeSet<>(PropertyDefinition.FIELD_TYPES.keySet()));
        }
        if (!allowed.contains(fieldType)) {
            throw HubSpotError.validation("fieldType '" + fieldType + "' is not valid for type '" + kind
                    + "'; allowed: " + allowed);
        }
        if (!schema.groups.containsKey(groupName)) {
            throw HubSpotError.validation("Property group '" + groupName + "' does not exist");
        }
        List<PropertyDefinition.Option> options = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int order = 0;
        for (JsonNode option : body.path("options")) {
            String value = requiredText(option, "value");
            if (!seen.add(value)) {
                throw HubSpotError.validation("Duplicate option value '" + value + "'");
            }
            options.add(new PropertyDefinition.Option(requiredText(option, "label"), value,
                    option.path("displayOrder").asInt(order++), option.path("hidden").asBoolean(false),
                    option.path("description").asText("")));
        }
        if (kind.equals("enumeration") && options.isEmpty()) {
            throw HubSpotError.validation("Enumeration properties need at least one option");
        }
        if (kind.equals("bool") && options.isEmpty()) {
            options = PropertyDefinition.options("true=Yes", "false=No");
        }
        boolean unique = body.path("hasUniqueValue").asBoolean(false);
        if (unique && schema.properties.values().stream().filter(PropertyDefinition::hasUniqueValue).count()
                >= CrmStore.MAX_UNIQUE_PROPERTIES) {
            throw HubSpotError.validation("An object can have at most " + CrmStore.MAX_UNIQUE_PROPERTIES
                    + " properties with unique values");
        }
        PropertyDefinition property = new PropertyDefinition(name, label, kind, fieldType, groupName,
                body.path("description").asText(""), List.copyOf(options), body.path("displayOrder").asInt(-1),
                unique, body.path("hidden").asBoolean(false), body.path("formField").asBoolean(false), false, false,
                now, now);
        schema.properties.put(name, property);
        return property;
    }

    /**
     * PATCH of a property: label, description, group, options, order, hidden and formField change; the name, type
     * of a HubSpot-defined property and {@code hasUniqueValue} never do (400).
     */
    static PropertyDefinition updateProperty(CrmStore.Schema schema, String name, JsonNode body, Instant now) {
        PropertyDefinition current = schema.properties.get(name);
        if (current == null) {
            throw HubSpotError.notFound();
        }
        if (body.has("hasUniqueValue") && body.path("hasUniqueValue").asBoolean() != current.hasUniqueValue()) {
            throw HubSpotError.validation("hasUniqueValue cannot be changed after a property is created");
        }
        if (current.hubspotDefined() && (body.has("type") || body.has("fieldType") || body.has("label"))) {
            throw HubSpotError.validation("The definition of HubSpot-defined property '" + name
                    + "' is read only; only options, description, groupName and displayOrder may change");
        }
        String kind = body.path("type").asText(current.type());
        String fieldType = body.path("fieldType").asText(current.fieldType());
        List<String> allowed = PropertyDefinition.FIELD_TYPES.get(kind);
        if (allowed == null || !allowed.contains(fieldType)) {
            throw HubSpotError.validation("fieldType '" + fieldType + "' is not valid for type '" + kind + "'");
        }
        String groupName = body.path("groupName").asText(current.groupName());
        if (!schema.groups.containsKey(groupName)) {
            throw HubSpotError.validation("Property group '" + groupName + "' does not exist");
        }
        List<PropertyDefinition.Option> options = current.options();
        if (body.has("options")) {
            List<PropertyDefinition.Option> replaced = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            int order = 0;
            for (JsonNode option : body.path("options")) {
                String value = requiredText(option, "value");
                if (!seen.add(value)) {
                    throw HubSpotError.validation("Duplicate option value '" + value + "'");
                }
                replaced.add(new PropertyDefinition.Option(requiredText(option, "label"), value,
                        option.path("displayOrder").asInt(order++), option.path("hidden").asBoolean(false),
                        option.path("description").asText("")));
            }
            options = List.copyOf(replaced);
        }
        if (kind.equals("enumeration") && options.isEmpty()) {
            throw HubSpotError.validation("Enumeration properties need at least one option");
        }
        PropertyDefinition updated = new PropertyDefinition(name, body.path("label").asText(current.label()), kind,
                fieldType, groupName, body.path("description").asText(current.description()), options,
                body.path("displayOrder").asInt(current.displayOrder()), current.hasUniqueValue(),
                body.path("hidden").asBoolean(current.hidden()), body.path("formField").asBoolean(current.formField()),
                current.hubspotDefined(), current.readOnlyValue(), current.createdAt(), now);
        schema.properties.put(name, updated);
        return updated;
    }

    /** Archives a custom property; its values leave every record. HubSpot-defined ones cannot go (400). */
    static void archiveProperty(CrmStore.Schema schema, String name) {
        PropertyDefinition current = schema.properties.get(name);
        if (current == null) {
            throw HubSpotError.notFound();
        }
        if (current.hubspotDefined()) {
            throw HubSpotError.validation("HubSpot-defined property '" + name + "' cannot be archived");
        }
        schema.properties.remove(name);
        schema.archivedProperties.put(name, current);
        schema.records.values().forEach(r -> r.values.remove(name));
    }

    static String requiredText(JsonNode body, String name) {
        JsonNode value = body.path(name);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw HubSpotError.validation("Invalid input: \"" + name + "\" is required");
        }
        return value.textValue();
    }
}
