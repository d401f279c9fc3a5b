package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.domain.lead.FieldType;
import io.leadsync.domain.lead.LeadField;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The HubSpot property that holds an app field (HUBSPOT.md section 4: {@code type} and the {@code fieldType}s it
 * allows), how LeadSync's canonical text is written into it, and which existing property types can hold it.
 */
final class HubSpotPropertyTypes {
    private static final Set<String> TEXT_TYPES = Set.of("string", "phone_number", "enumeration");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,19}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private HubSpotPropertyTypes() {
    }

    /** The body of a property create in the given group; the lead id is a unique-value property, usable as idProperty. */
    static Map<String, Object> definition(LeadField field, String name, String groupName) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("name", name);
        property.put("label", label(name, groupName));
        property.put("groupName", groupName);
        property.put("description", "Created by LeadSync: " + field.apiName());
        switch (field.type()) {
            case SCORE, COUNT -> {
                property.put("type", "number");
                property.put("fieldType", "number");
            }
            case BOOLEAN -> {
                property.put("type", "bool");
                property.put("fieldType", "booleancheckbox");
                property.put("options", List.of(option("Yes", "true", 0), option("No", "false", 1)));
            }
            case INSTANT -> {
                property.put("type", "datetime");
                property.put("fieldType", "date");
            }
            case LONG_TEXT -> {
                property.put("type", "string");
                property.put("fieldType", "textarea");
            }
            case PHONE -> {
                property.put("type", "string");
                property.put("fieldType", "phonenumber");
            }
            default -> {
                property.put("type", "string");
                property.put("fieldType", "text");
            }
        }
        property.put("hasUniqueValue", field == LeadField.LEAD_ID);
        property.put("formField", false);
        return property;
    }

    private static Map<String, Object> option(String label, String value, int order) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("label", label);
        option.put("value", value);
        option.put("displayOrder", order);
        option.put("hidden", false);
        return option;
    }

    /** Whether an existing property of this {@code type} can hold the app field's values. */
    static boolean holds(String type, LeadField field) {
        return switch (field.type().jsonKind()) {
            case INTEGER -> type.equals("number");
            case BOOLEAN -> type.equals("bool") || type.equals("enumeration");
            case STRING -> field.type() == FieldType.INSTANT ? Set.of("datetime", "date", "string").contains(type)
                    : TEXT_TYPES.contains(type);
        };
    }

    /** What a property of this type is called in HubSpot's settings, for fixes an admin can follow. */
    static String describe(Map<String, Object> definition) {
        return definition.get("type") + " (" + definition.get("fieldType") + ")";
    }

    /**
     * Canonical LeadSync text as a HubSpot property value: every value is a string; an instant goes as epoch
     * milliseconds, the form HubSpot documents for date-time properties; empty clears the property.
     */
    static String value(LeadField field, String canonical) {
        if (field.type() == FieldType.INSTANT && !canonical.isEmpty()) {
            return Long.toString(java.time.OffsetDateTime.parse(canonical).toInstant().toEpochMilli());
        }
        return canonical;
    }

    /**
     * A HubSpot property value read back as LeadSync's canonical text, the inverse of {@link #value}. HubSpot sends
     * every value as a string, in the form of its property type rather than LeadSync's: a datetime as epoch
     * milliseconds or ISO, a date as {@code YYYY-MM-DD}, a number as "87" or "87.0". Those forms are brought to what
     * {@link LeadField#normalise} reads, which then checks the field's rule. Empty or missing: the property is empty.
     *
     * @throws io.leadsync.domain.lead.InvalidLeadException when the value breaks the field's rule
     */
    static Optional<String> canonical(LeadField field, String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        switch (field.type()) {
            case INSTANT -> {
                if (EPOCH_MILLIS.matcher(text).matches()) {
                    try {
                        return Optional.of(LeadField.canonicalInstant(Instant.ofEpochMilli(Long.parseLong(text))));
                    } catch (NumberFormatException e) {
                        // Out of range: normalise names the rule below.
                    }
                } else if (DATE.matcher(text).matches()) {
                    // A date property (HUBSPOT.md section 4) holds a day; HubSpot means midnight UTC by it.
                    text = text + "T00:00:00Z";
                }
            }
            case SCORE, COUNT -> text = wholeNumber(text);
            default -> {
            }
        }
        return field.normalise(text);
    }

    /** "87.0" (how HubSpot may show a number property) as "87"; anything else as it is, for normalise to judge. */
    private static String wholeNumber(String text) {
        try {
            BigDecimal number = new BigDecimal(text).stripTrailingZeros();
            return number.scale() <= 0 ? number.toBigIntegerExact().toString() : text;
        } catch (NumberFormatException | ArithmeticException e) {
            return text;
        }
    }

    /** {@code leadsync_outreach_score} reads "LeadSync Outreach Score" in HubSpot's settings and record pages. */
    static String label(String name, String groupName) {
        String rest = name.startsWith(groupName + "_") ? name.substring(groupName.length() + 1) : name;
        StringBuilder label = new StringBuilder(groupLabel(groupName));
        for (String word : rest.split("_")) {
            if (!word.isEmpty()) {
                label.append(' ').append(word.equals("id") || word.equals("url") || word.equals("ai")
                        || word.equals("dql") ? word.toUpperCase(java.util.Locale.ROOT)
                        : Character.toUpperCase(word.charAt(0)) + word.substring(1));
            }
        }
        return label.toString();
    }

    /** The product's own spelling for the default prefix; any other prefix as given, capitalised. */
    static String groupLabel(String groupName) {
        return groupName.equals("leadsync") ? "LeadSync"
                : Character.toUpperCase(groupName.charAt(0)) + groupName.substring(1);
    }
}
