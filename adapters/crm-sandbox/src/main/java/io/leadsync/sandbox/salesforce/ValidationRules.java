package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The org's validation rules and picklist settings, as an admin sets them in Setup (digest section 16), here
 * through the control API. A restricted picklist refuses any value outside its value set with
 * {@code INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST}; an active validation rule whose condition holds for the saved
 * record refuses it with {@code FIELD_CUSTOM_VALIDATION_EXCEPTION} and the rule's message. Both run on every save of
 * the write path (REST rows, Collections, Bulk rows, a rep's edit in the UI, Web-to-Lead); lead conversion does not
 * run them (the org setting "Require Validation for Converted Leads" is off, as in a new org). The condition is a
 * small stand-in for a formula: {@code blank}, {@code notBlank}, {@code equals}, {@code notEquals}, {@code matches}
 * (a regular expression that the whole value matches), {@code notMatches} (a non-blank value that does not match),
 * {@code longerThan}. Not thread-safe: {@link SalesforceOrg} calls it under its lock.
 */
final class ValidationRules {

    static final List<String> CONDITIONS = List.of("blank", "notBlank", "equals", "notEquals", "matches",
            "notMatches", "longerThan");

    /** One rule: the error shows at {@code errorDisplayField}, or at the top of the page when null. */
    record Rule(String object, String name, String field, String when, String value, String message,
            String errorDisplayField, boolean active) {
        ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("object", object);
            node.put("name", name);
            node.put("field", field);
            node.put("when", when);
            node.put("value", value);
            node.put("errorMessage", message);
            node.put("errorDisplayField", errorDisplayField);
            node.put("active", active);
            return node;
        }
    }

    /** A picklist's value set as the admin left it, and whether it is restricted to it. */
    record Picklist(List<String> values, boolean restricted) {
    }

    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, Picklist> picklists = new LinkedHashMap<>();

    void reset() {
        rules.clear();
        picklists.clear();
    }

    /** Adds or replaces the rule named in {@code body}; bad input is an {@link IllegalArgumentException}. */
    Rule put(SObjectSchema schema, JsonNode body) {
        String name = text(body, "name");
        String field = canonical(schema, text(body, "field"));
        String when = text(body, "when");
        String message = text(body, "errorMessage");
        if (name == null || field == null || message == null || !CONDITIONS.contains(when)) {
            throw new IllegalArgumentException("a validation rule needs name, field (of " + schema.name()
                    + "), errorMessage and when (one of " + CONDITIONS + ")");
        }
        String value = text(body, "value");
        if (List.of("equals", "notEquals", "matches", "notMatches", "longerThan").contains(when) && value == null) {
            throw new IllegalArgumentException("\"" + when + "\" needs a value");
        }
        try {
            if (when.endsWith("atches")) {
                Pattern.compile(value);
            } else if (when.equals("longerThan")) {
                Integer.parseInt(value);
            }
        } catch (PatternSyntaxException | NumberFormatException e) {
            throw new IllegalArgumentException("bad value for \"" + when + "\": " + value);
        }
        String display = text(body, "errorDisplayField") == null ? null : canonical(schema, text(body, "errorDisplayField"));
        Rule rule = new Rule(schema.name(), name, field, when, value, message, display,
                !body.has("active") || body.path("active").asBoolean());
        rules.put(schema.name() + "." + name, rule);
        return rule;
    }

    boolean remove(String object, String name) {
        return rules.remove(object + "." + name) != null;
    }

    ArrayNode rulesJson() {
        ArrayNode array = Json.array();
        rules.values().forEach(rule -> array.add(rule.toJson()));
        return array;
    }

    /** Sets a picklist's values (omitted: kept) and whether it is restricted; answers what describe shows. */
    Picklist picklist(SObjectSchema schema, JsonNode body) {
        String name = canonical(schema, text(body, "field"));
        FieldDefinition field = name == null ? null : schema.field(name).orElseThrow();
        if (field == null || !field.type().endsWith("picklist")) {
            throw new IllegalArgumentException("field must name a picklist of " + schema.name());
        }
        List<String> values = new ArrayList<>(picklistValues(schema, field));
        if (body.has("values")) {
            values.clear();
            body.path("values").forEach(v -> values.add(v.asText()));
            if (values.isEmpty() || values.stream().anyMatch(v -> v.isBlank() || v.length() > field.length())) {
                throw new IllegalArgumentException("values must be 1 to " + field.length() + " characters each");
            }
        }
        Picklist picklist = new Picklist(List.copyOf(values), body.has("restricted")
                ? body.path("restricted").asBoolean() : restricted(schema, field));
        picklists.put(schema.name() + "." + field.name(), picklist);
        return picklist;
    }

    List<String> picklistValues(SObjectSchema schema, FieldDefinition field) {
        Picklist set = picklists.get(schema.name() + "." + field.name());
        return set == null ? field.picklistValues() : set.values();
    }

    boolean restricted(SObjectSchema schema, FieldDefinition field) {
        Picklist set = picklists.get(schema.name() + "." + field.name());
        return set != null && set.restricted();
    }

    /** Describe as the admin's settings make it: each picklist's values and its {@code restrictedPicklist} flag. */
    void decorate(SObjectSchema schema, ObjectNode describe) {
        for (JsonNode node : describe.path("fields")) {
            FieldDefinition field = schema.field(node.path("name").asText()).orElse(null);
            if (field == null || !field.type().endsWith("picklist")) {
                continue;
            }
            ObjectNode described = (ObjectNode) node;
            described.put("restrictedPicklist", restricted(schema, field));
            ArrayNode entries = described.putArray("picklistValues");
            List<String> values = picklistValues(schema, field);
            for (int i = 0; i < values.size(); i++) {
                ObjectNode entry = entries.addObject();
                entry.put("active", true);
                entry.put("defaultValue", i == 0 && "Status".equals(field.name()));
                entry.put("label", values.get(i));
                entry.putNull("validFor");
                entry.put("value", values.get(i));
            }
        }
    }

    /**
     * The errors of saving {@code values} over {@code stored} (null on create): restricted picklists first (system
     * validation), then, only when those pass, every active validation rule whose condition holds.
     */
    List<ApiError> check(SObjectSchema schema, Map<String, JsonNode> values, ObjectNode stored) {
        List<ApiError> errors = new ArrayList<>();
        values.forEach((name, value) -> {
            FieldDefinition field = schema.field(name).orElse(null);
            if (field == null || !restricted(schema, field) || value == null || value.isNull()) {
                return;
            }
            List<String> allowed = picklistValues(schema, field);
            List<String> given = field.type().equals("multipicklist") ? List.of(value.asText().split(";"))
                    : List.of(value.asText());
            for (String one : given) {
                if (!allowed.contains(one)) {
                    errors.add(ApiError.of("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", field.label()
                            + ": bad value for restricted picklist field: " + one, List.of(field.name())));
                    return;
                }
            }
        });
        if (!errors.isEmpty()) {
            return errors;
        }
        for (Rule rule : rules.values()) {
            if (!rule.active() || !rule.object().equals(schema.name())) {
                continue;
            }
            JsonNode value = values.containsKey(rule.field()) ? values.get(rule.field())
                    : stored == null ? null : stored.get(rule.field());
            String text = value == null || value.isNull() ? "" : value.asText();
            if (holds(rule, text)) {
                errors.add(ApiError.of("FIELD_CUSTOM_VALIDATION_EXCEPTION", rule.message(),
                        rule.errorDisplayField() == null ? List.of() : List.of(rule.errorDisplayField())));
            }
        }
        return errors;
    }

    private static boolean holds(Rule rule, String text) {
        return switch (rule.when()) {
            case "blank" -> text.isBlank();
            case "notBlank" -> !text.isBlank();
            case "equals" -> text.equals(rule.value());
            case "notEquals" -> !text.equals(rule.value());
            case "matches" -> Pattern.compile(rule.value()).matcher(text).matches();
            case "notMatches" -> !text.isBlank() && !Pattern.compile(rule.value()).matcher(text).matches();
            default -> text.length() > Integer.parseInt(rule.value());
        };
    }

    private static String canonical(SObjectSchema schema, String name) {
        return name == null ? null : schema.field(name).map(FieldDefinition::name).orElse(null);
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
