package io.leadsync.adapters.in.http.agent;

import io.leadsync.domain.lead.FieldType;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.micronaut.json.tree.JsonNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a lead request body (a JSON object keyed by {@link LeadField#apiName()}) into raw values by field, checking
 * each member's JSON type against {@link FieldType#jsonKind()} and each value against its field's rule, so that every
 * bad member is reported in one answer. A JSON null clears a field; an absent member leaves it as it is.
 */
final class LeadRequestParser {
    /** Members of a lead response that LeadSync sets itself; sending them back is refused by name. */
    private static final Set<String> READ_ONLY = Set.of("version", "createdAt", "updatedAt", "changedAt",
            "changedFields");

    /** What the request is for, which decides the rules on lead id, last name and status. */
    enum Mode {
        /** POST: the body names the lead by its leadId, and may create it. */
        CAPTURE,
        /** PATCH: the path names the lead, which must exist. */
        PATCH
    }

    /**
     * The parsed body. {@code leadId} is empty when the body has none or a bad one (then a violation says why).
     * {@code values} holds only members that passed their checks; a null value clears the field.
     */
    record ParsedLead(Optional<LeadId> leadId, Map<LeadField, String> values, List<FieldViolation> violations) {
        ParsedLead {
            values = java.util.Collections.unmodifiableMap(new HashMap<>(values));
            violations = List.copyOf(violations);
        }

        boolean valid() {
            return violations.isEmpty();
        }

        /** @throws InvalidLeadException with every violation, sorted by field */
        InvalidLeadException rejection(List<FieldViolation> more) {
            List<FieldViolation> all = new ArrayList<>(violations);
            all.addAll(more);
            all.sort(Comparator.comparing(FieldViolation::field));
            return new InvalidLeadException(all);
        }
    }

    private LeadRequestParser() {
    }

    /**
     * @param body      a JSON object
     * @param pathLeadId the lead id from the path for {@link Mode#PATCH}, null for {@link Mode#CAPTURE}
     */
    static ParsedLead parse(JsonNode body, Mode mode, LeadId pathLeadId) {
        Map<LeadField, String> values = new HashMap<>();
        List<FieldViolation> violations = new ArrayList<>();
        Optional<LeadId> leadId = Optional.ofNullable(pathLeadId);
        for (Map.Entry<String, JsonNode> member : body.entries()) {
            String name = member.getKey();
            Optional<LeadField> field = LeadField.byApiName(name);
            if (field.isEmpty()) {
                violations.add(new FieldViolation(name, READ_ONLY.contains(name)
                        ? "is set by LeadSync and cannot be sent"
                        : "is not a lead field"));
                continue;
            }
            Optional<String> problem = check(field.get(), member.getValue(), mode);
            if (problem.isPresent()) {
                violations.add(new FieldViolation(name, problem.get()));
                continue;
            }
            String raw = raw(member.getValue());
            if (field.get() == LeadField.LEAD_ID) {
                LeadId parsed = new LeadId(raw.strip());
                if (mode == Mode.PATCH && !parsed.equals(pathLeadId)) {
                    violations.add(new FieldViolation(name, "cannot be changed; it is " + pathLeadId.value()));
                    continue;
                }
                leadId = Optional.of(parsed);
            }
            values.put(field.get(), raw);
        }
        if (mode == Mode.CAPTURE && body.get(LeadField.LEAD_ID.apiName()) == null) {
            violations.add(new FieldViolation(LeadField.LEAD_ID.apiName(), "is required"));
        }
        return new ParsedLead(leadId, values, violations);
    }

    /** The reason a member is not acceptable, or empty when it is. */
    private static Optional<String> check(LeadField field, JsonNode value, Mode mode) {
        if (value.isNull() || value.isString() && value.getStringValue().isBlank()) {
            return clearing(field, mode);
        }
        Optional<String> wrongType = wrongType(field, value);
        if (wrongType.isPresent()) {
            return wrongType;
        }
        try {
            field.normalise(raw(value));
            return Optional.empty();
        } catch (InvalidLeadException e) {
            return Optional.of(e.violations().get(0).rule());
        }
    }

    private static Optional<String> clearing(LeadField field, Mode mode) {
        return switch (field) {
            case LEAD_ID -> Optional.of(mode == Mode.CAPTURE ? "is required" : "cannot be cleared");
            case LAST_NAME -> Optional.of("is required and cannot be cleared");
            case STATUS -> mode == Mode.PATCH ? Optional.of("cannot be cleared; " + field.rule()) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<String> wrongType(LeadField field, JsonNode value) {
        FieldType.JsonKind kind = field.type().jsonKind();
        boolean fits = switch (kind) {
            case STRING -> value.isString();
            case BOOLEAN -> value.isBoolean();
            case INTEGER -> isInteger(value);
        };
        if (fits) {
            return Optional.empty();
        }
        return Optional.of("must be a JSON " + kind.name().toLowerCase(Locale.ROOT) + ", not " + describe(value)
                + "; " + field.rule());
    }

    private static boolean isInteger(JsonNode value) {
        if (!value.isNumber()) {
            return false;
        }
        Number number = value.getNumberValue();
        return number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof Byte || number instanceof BigInteger;
    }

    private static String describe(JsonNode value) {
        if (value.isString()) {
            return "a string";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isNumber()) {
            return isInteger(value) ? "an integer" : "a number with a fraction or exponent";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.isObject() ? "an object" : "null";
    }

    /** The raw text the domain normalises; null when the member clears the field. */
    private static String raw(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.getStringValue();
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.getBooleanValue());
        }
        return value.getNumberValue().toString();
    }
}
