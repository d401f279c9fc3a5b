package io.leadsync.adapters.in.mcp;

import io.leadsync.domain.lead.FieldType;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tool call's arguments, as the SDK decoded them from JSON (strings, numbers, booleans, lists, maps, null), checked
 * by the agent REST API's rules: each lead field's JSON type ({@link FieldType#jsonKind()}) and value rule
 * ({@link LeadField#normalise}), so a tool refuses what the REST API refuses, naming each field and its rule. Every bad
 * argument is collected, none is thrown on its own.
 */
final class ToolArguments {
    /** The members of a lead answer that LeadSync sets itself: sending them back is refused by name, as over REST. */
    private static final Set<String> READ_ONLY = Set.of("version", "createdAt", "updatedAt", "changedAt",
            "changedFields");

    private final Map<String, Object> raw;
    private final List<FieldViolation> violations = new ArrayList<>();

    ToolArguments(Map<String, Object> raw) {
        this.raw = raw == null ? Map.of() : new LinkedHashMap<>(raw);
    }

    List<FieldViolation> violations() {
        List<FieldViolation> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparing(FieldViolation::field));
        return sorted;
    }

    boolean valid() {
        return violations.isEmpty();
    }

    void refuse(String field, String rule) {
        violations.add(new FieldViolation(field, rule));
    }

    /** Refuses every argument not in {@code known}: a typo must not be silently ignored. */
    void onlyThese(Set<String> known, String listForModel) {
        raw.keySet().stream().filter(name -> !known.contains(name)).sorted().forEach(name -> refuse(name,
                READ_ONLY.contains(name) ? "is set by LeadSync and cannot be sent"
                        : "is not an argument of this tool; they are " + listForModel));
    }

    boolean has(String name) {
        return raw.containsKey(name) && raw.get(name) != null;
    }

    Optional<String> text(String name) {
        Object value = raw.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            refuse(name, "must be a JSON string");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    boolean flag(String name) {
        Object value = raw.get(name);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            refuse(name, "must be a JSON boolean");
            return false;
        }
        return flag;
    }

    Optional<Integer> integer(String name, int min, int max) {
        Object value = raw.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!isInteger(value) || new BigInteger(value.toString()).compareTo(BigInteger.valueOf(min)) < 0
                || new BigInteger(value.toString()).compareTo(BigInteger.valueOf(max)) > 0) {
            refuse(name, "must be a JSON integer from " + min + " to " + max);
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(value.toString()));
    }

    /** A list of strings (targets): each entry that is not a string is named by its index. */
    List<String> strings(String name) {
        Object value = raw.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            refuse(name, "must be a JSON array of strings");
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String text) {
                strings.add(text);
            } else {
                refuse(name + "/" + i, "must be a string");
            }
        }
        return strings;
    }

    /**
     * The lead fields among the arguments, as raw text by field (null clears), each checked by its field's rule.
     *
     * @param capture    true: the lead may be new, so {@code leadId} is required and names it; false: {@code leadId}
     *                   names an existing lead and cannot change
     * @param onlyFields the fields this tool takes (others are the tool's options, or refused by {@link #onlyThese})
     */
    Map<LeadField, String> leadFields(boolean capture, Set<LeadField> onlyFields) {
        Map<LeadField, String> values = new HashMap<>();
        for (Map.Entry<String, Object> member : raw.entrySet()) {
            Optional<LeadField> field = LeadField.byApiName(member.getKey());
            if (field.isEmpty() || !onlyFields.contains(field.get())) {
                continue;
            }
            Optional<String> problem = check(field.get(), member.getValue(), capture);
            if (problem.isPresent()) {
                refuse(member.getKey(), problem.get());
                continue;
            }
            values.put(field.get(), rawText(member.getValue()));
        }
        return values;
    }

    /** The lead the call is about: {@code leadId}, required, by the lead id rule. */
    Optional<LeadId> leadId() {
        String name = LeadField.LEAD_ID.apiName();
        Object value = raw.get(name);
        if (value == null || value instanceof String text && text.isBlank()) {
            refuse(name, "is required; " + LeadField.LEAD_ID.rule());
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            refuse(name, "must be a JSON string; " + LeadField.LEAD_ID.rule());
            return Optional.empty();
        }
        try {
            return Optional.of(new LeadId(text.strip()));
        } catch (InvalidLeadException e) {
            refuse(name, e.violations().get(0).rule());
            return Optional.empty();
        }
    }

    private static Optional<String> check(LeadField field, Object value, boolean capture) {
        if (value == null || value instanceof String text && text.isBlank()) {
            return switch (field) {
                case LEAD_ID -> Optional.of(capture ? "is required" : "cannot be cleared");
                case LAST_NAME -> Optional.of("is required and cannot be cleared");
                case STATUS -> capture ? Optional.empty() : Optional.of("cannot be cleared; " + field.rule());
                default -> Optional.empty();
            };
        }
        FieldType.JsonKind kind = field.type().jsonKind();
        boolean fits = switch (kind) {
            case STRING -> value instanceof String;
            case BOOLEAN -> value instanceof Boolean;
            case INTEGER -> isInteger(value);
        };
        if (!fits) {
            return Optional.of("must be a JSON " + kind.name().toLowerCase(Locale.ROOT) + ", not " + describe(value)
                    + "; " + field.rule());
        }
        try {
            field.normalise(rawText(value));
            return Optional.empty();
        } catch (InvalidLeadException e) {
            return Optional.of(e.violations().get(0).rule());
        }
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    private static String describe(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return isInteger(value) ? "an integer" : "a number with a fraction or exponent";
        }
        return value instanceof List ? "an array" : "an object";
    }

    private static String rawText(Object value) {
        return value == null ? null : value.toString();
    }
}
