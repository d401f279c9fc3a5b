package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Salesforce's checks on a record write, in its two stages: reading the body (unknown or invisible columns and
 * values of the wrong JSON type fail the whole request) and saving the record (required fields, lengths, e-mail
 * format, read-only fields), which fails per record inside a collection.
 */
final class RecordValidator {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    private static final java.time.format.DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private RecordValidator() {
    }

    /**
     * Maps the body's members to canonical field names and typed values. The {@code attributes} member and the
     * members named in {@code ignored} are skipped.
     */
    static Map<String, JsonNode> columns(SObjectSchema schema, Predicate<FieldDefinition> readable, JsonNode body,
            List<String> ignored) {
        if (!body.isObject()) {
            throw new ApiException(400, ApiError.of("JSON_PARSER_ERROR",
                    "Cannot deserialize instance of " + schema.name() + " from " + token(body) + " value"));
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> members = body.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String name = member.getKey();
            if ("attributes".equals(name) || ignored.stream().anyMatch(name::equalsIgnoreCase)) {
                continue;
            }
            FieldDefinition field = schema.field(name).filter(readable)
                    .orElseThrow(() -> new ApiException(400, ApiError.of("INVALID_FIELD",
                            "No such column '" + name + "' on sobject of type " + schema.name(), List.of(name))));
            values.put(field.name(), typed(field, member.getValue()));
        }
        return values;
    }

    /** The save-time errors of one record; {@code existing} is null for an insert. */
    static List<ApiError> validate(SObjectSchema schema, Predicate<FieldDefinition> editable,
            Map<String, JsonNode> values, ObjectNode existing) {
        List<ApiError> errors = new ArrayList<>();
        boolean insert = existing == null;
        List<String> readOnly = new ArrayList<>();
        for (String name : values.keySet()) {
            FieldDefinition field = schema.field(name).orElseThrow();
            boolean writable = insert ? field.createable() : field.updateable();
            if (!writable || !editable.test(field)) {
                readOnly.add(field.name());
            }
        }
        if (!readOnly.isEmpty()) {
            errors.add(ApiError.of("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                    + String.join(", ", readOnly) + ". Please check the security settings of this field and verify"
                    + " that it is read/write for your profile or permission set.", readOnly));
        }
        List<String> missing = new ArrayList<>();
        for (FieldDefinition field : schema.fields()) {
            if (!field.required()) {
                continue;
            }
            JsonNode value = values.containsKey(field.name()) ? values.get(field.name())
                    : insert ? NullNode.instance : existing.path(field.name());
            if (value == null || value.isNull() || value.isMissingNode()) {
                missing.add(field.name());
            }
        }
        if (!missing.isEmpty()) {
            errors.add(ApiError.of("REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [" + String.join(", ", missing) + "]", missing));
        }
        for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
            FieldDefinition field = schema.field(entry.getKey()).orElseThrow();
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                continue;
            }
            String text = value.textValue();
            if (field.isText() && field.length() > 0 && text.length() > field.length()) {
                errors.add(ApiError.of("STRING_TOO_LONG", field.label() + ": data value too large: " + text
                        + " (max length=" + field.length() + ")", List.of(field.name())));
            } else if ("email".equals(field.type()) && !EMAIL.matcher(text).matches()) {
                errors.add(ApiError.of("INVALID_EMAIL_ADDRESS", field.label() + ": invalid email address: " + text,
                        List.of(field.name())));
            }
        }
        return errors;
    }

    /** Salesforce stores an empty text as null, which is why {@code "LastName": ""} is a missing required field. */
    private static JsonNode typed(FieldDefinition field, JsonNode value) {
        if (value.isNull()) {
            return NullNode.instance;
        }
        if (field.isText()) {
            if (value.isContainerNode()) {
                throw wrongType(field, value);
            }
            String text = value.asText();
            return text.isEmpty() ? NullNode.instance : TextNode.valueOf(text);
        }
        return switch (field.type()) {
            case "boolean" -> {
                if (value.isBoolean()) {
                    yield value;
                }
                if (value.isTextual() && ("true".equalsIgnoreCase(value.textValue())
                        || "false".equalsIgnoreCase(value.textValue()))) {
                    yield BooleanNode.valueOf(Boolean.parseBoolean(value.textValue()));
                }
                throw wrongType(field, value);
            }
            case "int" -> {
                BigDecimal number = number(field, value);
                try {
                    yield LongNode.valueOf(number.intValueExact());
                } catch (ArithmeticException e) {
                    throw wrongType(field, value);
                }
            }
            case "double", "currency", "percent" -> DecimalNode.valueOf(number(field, value));
            case "date" -> {
                try {
                    yield TextNode.valueOf(LocalDate.parse(value.asText()).toString());
                } catch (DateTimeParseException e) {
                    throw wrongType(field, value);
                }
            }
            case "datetime" -> {
                try {
                    OffsetDateTime parsed = OffsetDateTime.parse(value.asText(), DATE_TIME);
                    yield TextNode.valueOf(SalesforceTime.format(parsed.toInstant()));
                } catch (DateTimeParseException e) {
                    throw wrongType(field, value);
                }
            }
            default -> value;
        };
    }

    private static BigDecimal number(FieldDefinition field, JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.textValue().trim());
            } catch (NumberFormatException e) {
                throw wrongType(field, value);
            }
        }
        throw wrongType(field, value);
    }

    private static ApiException wrongType(FieldDefinition field, JsonNode value) {
        String javaType = switch (field.type()) {
            case "boolean" -> "boolean";
            case "int" -> "int";
            case "double", "currency", "percent" -> "double";
            case "date" -> "Date";
            case "datetime" -> "Datetime";
            default -> "String";
        };
        return new ApiException(400, ApiError.of("JSON_PARSER_ERROR", "Cannot deserialize instance of " + javaType
                + " from " + token(value) + " value " + value + " or request may be missing a required field"));
    }

    private static String token(JsonNode value) {
        if (value.isObject()) {
            return "START_OBJECT";
        }
        if (value.isArray()) {
            return "START_ARRAY";
        }
        if (value.isTextual()) {
            return "VALUE_STRING";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "VALUE_TRUE" : "VALUE_FALSE";
        }
        return value.isIntegralNumber() ? "VALUE_NUMBER_INT" : "VALUE_NUMBER_FLOAT";
    }
}
