package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Property values of a write checked and normalised by their property's type, with HubSpot's per-value errors. */
final class PropertyValues {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    private static final List<String> LIFECYCLE = List.of("subscriber", "lead", "marketingqualifiedlead",
            "salesqualifiedlead", "opportunity", "customer", "evangelist", "other");

    private PropertyValues() {
    }

    /**
     * Checks and normalises the {@code properties} of a write. Answers the errors in HubSpot's per-property shape
     * ({@code isValid, message, error, name}); an empty list means {@code into} holds the values to store ("" clears).
     */
    static List<ObjectNode> validate(CrmStore.Schema schema, JsonNode properties, CrmStore.StoredObject current,
            Map<String, String> into) {
        List<ObjectNode> errors = new ArrayList<>();
        if (properties == null || properties.isMissingNode() || properties.isNull()) {
            return errors;
        }
        if (!properties.isObject()) {
            throw HubSpotError.validation("Invalid input JSON: \"properties\" must be an object of strings");
        }
        var fields = properties.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String name = field.getKey();
            JsonNode raw = field.getValue();
            if (raw.isContainerNode()) {
                throw HubSpotError.validation("Invalid input JSON: property \"" + name
                        + "\" must be a string, not " + (raw.isArray() ? "an array" : "an object"));
            }
            String value = raw.isNull() ? "" : raw.asText();
            PropertyDefinition property = schema.properties.get(name);
            if (property == null) {
                errors.add(valueError("Property \"" + name + "\" does not exist", "PROPERTY_DOESNT_EXIST", name));
                continue;
            }
            if (property.readOnlyValue()) {
                errors.add(valueError("\"" + name + "\" is a read only property; its value cannot be set.",
                        "READ_ONLY_VALUE", name));
                continue;
            }
            if (value.isEmpty()) {
                into.put(name, "");
                continue;
            }
            String normalised = normalise(property, value, errors);
            if (normalised == null) {
                continue;
            }
            if (name.equals("lifecyclestage") && current != null && current.values.containsKey(name)
                    && LIFECYCLE.indexOf(normalised) < LIFECYCLE.indexOf(current.values.get(name))) {
                // HubSpot only moves the stage forward through the API; a backward write is dropped, not refused.
                continue;
            }
            into.put(name, normalised);
        }
        return errors;
    }

    private static String normalise(PropertyDefinition property, String value, List<ObjectNode> errors) {
        String name = property.name();
        switch (property.type()) {
            case "number":
                try {
                    return new BigDecimal(value.trim()).stripTrailingZeros().toPlainString();
                } catch (NumberFormatException e) {
                    errors.add(valueError(value + " was not a valid number.", "INVALID_INTEGER", name));
                    return null;
                }
            case "bool":
                if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                    return value.toLowerCase(Locale.ROOT);
                }
                errors.add(valueError(value + " was not one of the allowed options: [true, false]",
                        "INVALID_OPTION", name));
                return null;
            case "date":
                return normaliseDate(value, name, errors);
            case "datetime":
                Instant instant = parseInstant(value);
                if (instant == null) {
                    errors.add(valueError(value + " is not a valid datetime: use epoch milliseconds or ISO-8601",
                            "INVALID_DATETIME", name));
                    return null;
                }
                return HubSpotTime.format(instant);
            case "enumeration":
                List<String> values = property.fieldType().equals("checkbox")
                        ? List.of(value.split(";", -1)) : List.of(value);
                for (String one : values) {
                    if (!property.allowsValue(one)) {
                        errors.add(valueError(one + " was not one of the allowed options: "
                                + property.options().stream().map(PropertyDefinition.Option::value).toList(),
                                "INVALID_OPTION", name));
                        return null;
                    }
                }
                return value;
            default:
                if (value.length() > 65_536) {
                    errors.add(valueError("Value of " + name + " is longer than 65536 characters", "INVALID_LENGTH",
                            name));
                    return null;
                }
                if (name.equals("email")) {
                    String email = value.trim().toLowerCase(Locale.ROOT);
                    if (!EMAIL.matcher(email).matches()) {
                        errors.add(valueError("Email address " + value + " is invalid", "INVALID_EMAIL", name));
                        return null;
                    }
                    return email;
                }
                return value;
        }
    }

    private static String normaliseDate(String value, String name, List<ObjectNode> errors) {
        Instant instant;
        try {
            instant = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            instant = parseInstant(value);
        }
        if (instant == null) {
            errors.add(valueError(value + " is not a valid date: use midnight UTC in epoch milliseconds or"
                    + " YYYY-MM-DD", "INVALID_DATE", name));
            return null;
        }
        LocalTime time = instant.atZone(ZoneOffset.UTC).toLocalTime();
        if (!time.equals(LocalTime.MIDNIGHT)) {
            errors.add(valueError(value + " is at " + time + " UTC, not midnight!", "INVALID_DATE", name));
            return null;
        }
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Epoch milliseconds or ISO-8601; null when neither. */
    static Instant parseInstant(String value) {
        String trimmed = value.trim();
        if (trimmed.matches("-?\\d{1,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(trimmed));
        }
        try {
            return Instant.parse(trimmed);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    static ObjectNode valueError(String message, String error, String name) {
        ObjectNode node = HubSpotJson.object();
        node.put("isValid", false);
        node.put("message", message);
        node.put("error", error);
        node.put("name", name);
        return node;
    }

    /** The 400 HubSpot answers for invalid property values: the details as a JSON array inside the message. */
    static HubSpotError invalidValues(List<ObjectNode> errors) {
        ArrayNode array = HubSpotJson.array();
        errors.forEach(array::add);
        return HubSpotError.of(400, "VALIDATION_ERROR", "Property values were not valid: " + HubSpotJson.text(array));
    }
}
