package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The portal's CRM data: property schemas and groups, records and contact-company associations. Property values
 * are strings, as on HubSpot's wire. Each write also appends a version, so that search, which lags behind writes
 * in HubSpot, can answer from the state of {@code lag} ago. Every method locks the instance.
 */
final class CrmStore {

    static final int MAX_UNIQUE_PROPERTIES = 10;
    static final int ASSOC_CONTACT_TO_COMPANY = 279;
    static final int ASSOC_COMPANY_TO_CONTACT = 280;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    private static final Pattern PROPERTY_NAME = Pattern.compile("^[a-z][a-z0-9_]*$");
    private static final List<String> LIFECYCLE = List.of("subscriber", "lead", "marketingqualifiedlead",
            "salesqualifiedlead", "opportunity", "customer", "evangelist", "other");
    private static final Duration DEFAULT_SEARCH_LAG = Duration.ofSeconds(1);

    /** A snapshot of a record at a moment; {@code values} null once it is archived. */
    record Version(Instant at, Map<String, String> values) {
    }

    static final class StoredObject {
        final long id;
        final Map<String, String> values = new TreeMap<>();
        final Instant createdAt;
        Instant updatedAt;
        Instant archivedAt;
        final List<Version> versions = new ArrayList<>();

        StoredObject(long id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        boolean archived() {
            return archivedAt != null;
        }
    }

    static final class Schema {
        final Map<String, PropertyDefinition> properties = new LinkedHashMap<>();
        final Map<String, PropertyDefinition> archivedProperties = new LinkedHashMap<>();
        final Map<String, ObjectNode> groups = new LinkedHashMap<>();
        final Map<Long, StoredObject> records = new TreeMap<>();
        /** Merged-away ids and the record each was merged into. */
        final Map<Long, Long> mergedInto = new java.util.HashMap<>();
    }

    /** One association pair; HubSpot stores both directions, 279 and 280. */
    record Association(long contactId, long companyId) {
    }

    private final Clock clock;
    private final Map<ObjectType, Schema> schemas = new EnumMap<>(ObjectType.class);
    private final Set<Association> associations = new LinkedHashSet<>();
    private long nextId;
    /** Notes by id, each {@code {id, properties, createdAt, updatedAt, contactIds, companyIds}}. */
    private final java.util.Map<String, ObjectNode> notes = new java.util.LinkedHashMap<>();
    private Duration searchLag = DEFAULT_SEARCH_LAG;
    private final AutomaticCompanies automaticCompanies = new AutomaticCompanies();

    CrmStore(Clock clock) {
        this.clock = clock;
        reset();
    }

    Instant now() {
        return clock.instant();
    }

    synchronized void reset() {
        schemas.clear();
        associations.clear();
        notes.clear();
        automaticCompanies.reset();
        nextId = 51201;
        searchLag = DEFAULT_SEARCH_LAG;
        Instant seeded = Instant.parse("2026-01-05T09:00:00Z");
        schemas.put(ObjectType.CONTACTS, contactSchema(seeded));
        schemas.put(ObjectType.COMPANIES, companySchema(seeded));
    }

    private static Schema contactSchema(Instant at) {
        Schema schema = new Schema();
        group(schema, "contactinformation", "Contact information", 0);
        group(schema, "sales_properties", "Sales properties", 1);
        String g = "contactinformation";
        List<PropertyDefinition> props = new ArrayList<>(List.of(
                PropertyDefinition.standard("email", "Email", "string", "text", g, false, at, List.of()),
                PropertyDefinition.text("firstname", "First Name", g, at),
                PropertyDefinition.text("lastname", "Last Name", g, at),
                PropertyDefinition.text("jobtitle", "Job Title", g, at),
                PropertyDefinition.text("company", "Company Name", g, at),
                PropertyDefinition.text("website", "Website URL", g, at),
                PropertyDefinition.standard("phone", "Phone Number", "string", "phonenumber", g, false, at,
                        List.of()),
                PropertyDefinition.standard("mobilephone", "Mobile Phone Number", "string", "phonenumber", g,
                        false, at, List.of()),
                PropertyDefinition.standard("fax", "Fax Number", "string", "phonenumber", g, false, at, List.of()),
                PropertyDefinition.text("address", "Street Address", g, at),
                PropertyDefinition.text("city", "City", g, at),
                PropertyDefinition.text("state", "State/Region", g, at),
                PropertyDefinition.text("zip", "Postal Code", g, at),
                PropertyDefinition.text("country", "Country/Region", g, at),
                PropertyDefinition.text("hs_timezone", "Time Zone", g, at),
                PropertyDefinition.text("hubspot_owner_id", "Contact owner", "sales_properties", at),
                PropertyDefinition.standard("industry", "Industry", "string", "text", g, false, at, List.of()),
                PropertyDefinition.standard("lifecyclestage", "Lifecycle Stage", "enumeration", "radio", g, false,
                        at, PropertyDefinition.options("subscriber=Subscriber", "lead=Lead",
                                "marketingqualifiedlead=Marketing Qualified Lead",
                                "salesqualifiedlead=Sales Qualified Lead", "opportunity=Opportunity",
                                "customer=Customer", "evangelist=Evangelist", "other=Other")),
                PropertyDefinition.standard("hs_lead_status", "Lead Status", "enumeration", "radio",
                        "sales_properties", false, at, PropertyDefinition.options("NEW=New", "OPEN=Open",
                                "IN_PROGRESS=In Progress", "OPEN_DEAL=Open Deal", "UNQUALIFIED=Unqualified",
                                "ATTEMPTED_TO_CONTACT=Attempted to Contact", "CONNECTED=Connected",
                                "BAD_TIMING=Bad Timing")),
                PropertyDefinition.standard("hs_analytics_source", "Original Source", "enumeration", "select", g,
                        false, at, PropertyDefinition.options("ORGANIC_SEARCH=Organic Search",
                                "PAID_SEARCH=Paid Search", "EMAIL_MARKETING=Email Marketing",
                                "SOCIAL_MEDIA=Organic Social", "REFERRALS=Referrals",
                                "OTHER_CAMPAIGNS=Other Campaigns", "DIRECT_TRAFFIC=Direct Traffic",
                                "OFFLINE=Offline Sources", "PAID_SOCIAL=Paid Social")),
                PropertyDefinition.standard("hs_object_id", "Record ID", "number", "number", g, true, at, List.of()),
                PropertyDefinition.standard("createdate", "Create Date", "datetime", "date", g, true, at, List.of()),
                PropertyDefinition.standard("lastmodifieddate", "Last Modified Date", "datetime", "date", g, true,
                        at, List.of()),
                PropertyDefinition.standard("hs_additional_emails", "Additional email addresses", "enumeration",
                        "checkbox", g, true, at, List.of()),
                PropertyDefinition.standard("hs_merged_object_ids", "Merged Contact IDs", "enumeration",
                        "checkbox", g, true, at, List.of())));
        props.forEach(p -> schema.properties.put(p.name(), p));
        return schema;
    }

    private static Schema companySchema(Instant at) {
        Schema schema = new Schema();
        group(schema, "companyinformation", "Company information", 0);
        String g = "companyinformation";
        List<PropertyDefinition> props = List.of(
                PropertyDefinition.text("name", "Company name", g, at),
                PropertyDefinition.text("domain", "Company Domain Name", g, at),
                PropertyDefinition.text("website", "Website URL", g, at),
                PropertyDefinition.text("industry", "Industry", g, at),
                PropertyDefinition.text("city", "City", g, at),
                PropertyDefinition.text("country", "Country/Region", g, at),
                PropertyDefinition.standard("phone", "Phone Number", "string", "phonenumber", g, false, at,
                        List.of()),
                PropertyDefinition.standard("numberofemployees", "Number of Employees", "number", "number", g,
                        false, at, List.of()),
                PropertyDefinition.standard("hs_object_id", "Record ID", "number", "number", g, true, at, List.of()),
                PropertyDefinition.standard("createdate", "Create Date", "datetime", "date", g, true, at, List.of()),
                PropertyDefinition.standard("hs_lastmodifieddate", "Last Modified Date", "datetime", "date", g,
                        true, at, List.of()));
        props.forEach(p -> schema.properties.put(p.name(), p));
        return schema;
    }

    private static void group(Schema schema, String name, String label, int order) {
        ObjectNode group = HubSpotJson.object();
        group.put("name", name);
        group.put("label", label);
        group.put("displayOrder", order);
        group.put("archived", false);
        schema.groups.put(name, group);
    }

    // ---- properties ----------------------------------------------------------------------------------------

    synchronized List<PropertyDefinition> properties(ObjectType type) {
        return List.copyOf(schemas.get(type).properties.values());
    }

    synchronized Optional<PropertyDefinition> property(ObjectType type, String name) {
        return Optional.ofNullable(schemas.get(type).properties.get(name));
    }

    synchronized List<ObjectNode> groups(ObjectType type) {
        return schemas.get(type).groups.values().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized ObjectNode createGroup(ObjectType type, JsonNode body) {
        String name = requiredText(body, "name");
        String label = requiredText(body, "label");
        Schema schema = schemas.get(type);
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

    synchronized PropertyDefinition createProperty(ObjectType type, JsonNode body) {
        Schema schema = schemas.get(type);
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
                >= MAX_UNIQUE_PROPERTIES) {
            throw HubSpotError.validation("An object can have at most " + MAX_UNIQUE_PROPERTIES
                    + " properties with unique values");
        }
        Instant now = now();
        PropertyDefinition property = new PropertyDefinition(name, label, kind, fieldType, groupName,
                body.path("description").asText(""), List.copyOf(options), body.path("displayOrder").asInt(-1),
                unique, body.path("hidden").asBoolean(false), body.path("formField").asBoolean(false), false, false,
                now, now);
        schema.properties.put(name, property);
        return property;
    }

    synchronized List<PropertyDefinition> archivedProperties(ObjectType type) {
        return List.copyOf(schemas.get(type).archivedProperties.values());
    }

    /**
     * PATCH of a property: label, description, group, options, order, hidden and formField change; the name, type
     * of a HubSpot-defined property and {@code hasUniqueValue} never do (400).
     */
    synchronized PropertyDefinition updateProperty(ObjectType type, String name, JsonNode body) {
        Schema schema = schemas.get(type);
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
                current.hubspotDefined(), current.readOnlyValue(), current.createdAt(), now());
        schema.properties.put(name, updated);
        return updated;
    }

    /** Archives a custom property; its values leave every record. HubSpot-defined ones cannot go (400). */
    synchronized void archiveProperty(ObjectType type, String name) {
        Schema schema = schemas.get(type);
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

    private static String requiredText(JsonNode body, String name) {
        JsonNode value = body.path(name);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw HubSpotError.validation("Invalid input: \"" + name + "\" is required");
        }
        return value.textValue();
    }

    // ---- records -------------------------------------------------------------------------------------------

    synchronized Duration searchLag() {
        return searchLag;
    }

    synchronized void searchLag(Duration lag) {
        this.searchLag = lag;
    }

    /**
     * Checks and normalises the {@code properties} of a write. Answers the errors in HubSpot's per-property shape
     * ({@code isValid, message, error, name}); an empty list means {@code into} holds the values to store ("" clears).
     */
    synchronized List<ObjectNode> validate(ObjectType type, JsonNode properties, StoredObject current,
            Map<String, String> into) {
        List<ObjectNode> errors = new ArrayList<>();
        Schema schema = schemas.get(type);
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

    /** Another live record holding {@code value} in a unique property, e.g. the contact that owns an email. */
    synchronized Optional<StoredObject> findByUnique(ObjectType type, String property, String value) {
        String wanted = property.equals("email") ? value.trim().toLowerCase(Locale.ROOT) : value;
        return schemas.get(type).records.values().stream()
                .filter(r -> !r.archived() && wanted.equals(r.values.get(property))).findFirst();
    }

    /** Properties that must not repeat across live records: email for contacts and hasUniqueValue ones. */
    synchronized List<String> uniqueProperties(ObjectType type) {
        List<String> unique = new ArrayList<>();
        if (type == ObjectType.CONTACTS) {
            unique.add("email");
        }
        schemas.get(type).properties.values().stream().filter(PropertyDefinition::hasUniqueValue)
                .map(PropertyDefinition::name).forEach(unique::add);
        return unique;
    }

    /** A conflict with a live record other than {@code self}, in HubSpot's words; null when none. */
    synchronized HubSpotError conflict(ObjectType type, Map<String, String> values, Long self) {
        for (String property : uniqueProperties(type)) {
            String value = values.get(property);
            if (value == null || value.isEmpty()) {
                continue;
            }
            Optional<StoredObject> other = findByUnique(type, property, value)
                    .filter(r -> self == null || r.id != self);
            if (other.isEmpty() && property.equals("email") && type == ObjectType.CONTACTS) {
                // A merged contact keeps the absorbed emails in hs_additional_emails; they stay taken (digest 2).
                other = schemas.get(type).records.values().stream()
                        .filter(r -> !r.archived() && (self == null || r.id != self)
                                && List.of(r.values.getOrDefault("hs_additional_emails", "").split(";"))
                                        .contains(value))
                        .findFirst();
            }
            if (other.isPresent()) {
                String message = property.equals("email") && type == ObjectType.CONTACTS
                        ? "Contact already exists. Existing ID: " + other.get().id
                        // For custom unique properties the wording is UNCONFIRMED; the id is given the same way.
                        : "A " + type.upper().toLowerCase(Locale.ROOT) + " with the value '" + value
                                + "' for the unique property '" + property + "' already exists. Existing ID: "
                                + other.get().id;
                return HubSpotError.of(409, "CONFLICT", message);
            }
        }
        return null;
    }

    /** A note with its associations, already checked by the endpoint. */
    synchronized ObjectNode createNote(JsonNode properties, List<Long> contactIds, List<Long> companyIds) {
        String now = HubSpotTime.format(now());
        String id = Long.toString(nextId++);
        ObjectNode note = HubSpotJson.object();
        note.put("id", id);
        ObjectNode values = note.putObject("properties");
        values.put("hs_createdate", now);
        values.put("hs_lastmodifieddate", now);
        values.put("hs_note_body", properties.path("hs_note_body").asText(""));
        values.put("hs_object_id", id);
        values.put("hs_timestamp", properties.path("hs_timestamp").asText());
        properties.fields().forEachRemaining(field -> {
            if (!values.has(field.getKey())) {
                values.put(field.getKey(), field.getValue().asText());
            }
        });
        note.put("createdAt", now);
        note.put("updatedAt", now);
        contactIds.forEach(note.putArray("contactIds")::add);
        companyIds.forEach(note.putArray("companyIds")::add);
        if (!note.has("contactIds")) {
            note.putArray("contactIds");
        }
        notes.put(id, note);
        return note.deepCopy();
    }

    synchronized Optional<ObjectNode> note(String id) {
        return Optional.ofNullable(notes.get(id)).map(ObjectNode::deepCopy);
    }

    synchronized List<ObjectNode> notes() {
        return notes.values().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized StoredObject create(ObjectType type, Map<String, String> values) {
        Instant now = now();
        StoredObject record = new StoredObject(nextId++, now);
        values.forEach((name, value) -> {
            if (!value.isEmpty()) {
                record.values.put(name, value);
            }
        });
        record.values.put("hs_object_id", Long.toString(record.id));
        record.values.put("createdate", HubSpotTime.format(now));
        record.values.put(type.lastModifiedProperty(), HubSpotTime.format(now));
        schemas.get(type).records.put(record.id, record);
        snapshot(record);
        if (type == ObjectType.CONTACTS) {
            automaticCompanies.onNewContact(this, record);
        }
        return record;
    }

    synchronized void automaticCompanies(boolean enabled) {
        automaticCompanies.enabled(enabled);
    }

    synchronized boolean automaticCompanies() {
        return automaticCompanies.enabled();
    }

    synchronized void update(ObjectType type, StoredObject record, Map<String, String> values) {
        values.forEach((name, value) -> {
            if (value.isEmpty()) {
                record.values.remove(name);
            } else {
                record.values.put(name, value);
            }
        });
        Instant now = now();
        if (!now.isAfter(record.updatedAt)) {
            // Two writes in one millisecond still order, so "modified since" syncs never miss the second one.
            now = record.updatedAt.plusMillis(1);
        }
        record.updatedAt = now;
        record.values.put(type.lastModifiedProperty(), HubSpotTime.format(now));
        snapshot(record);
    }

    synchronized void archive(StoredObject record) {
        if (!record.archived()) {
            record.archivedAt = now();
            record.versions.add(new Version(record.archivedAt, null));
            associations.removeIf(a -> a.contactId() == record.id || a.companyId() == record.id);
        }
    }

    private void snapshot(StoredObject record) {
        record.versions.add(new Version(record.updatedAt, Map.copyOf(record.values)));
    }

    synchronized Optional<StoredObject> byId(ObjectType type, String id) {
        if (id == null || !id.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(schemas.get(type).records.get(Long.parseLong(id)));
    }

    /**
     * The record named by {@code id}: its object id, or the value of {@code idProperty} (email or a unique
     * property). Unknown idProperty is a 400, as in HubSpot.
     */
    synchronized Optional<StoredObject> find(ObjectType type, String id, String idProperty, boolean archived) {
        if (idProperty == null || idProperty.equals("hs_object_id")) {
            return byId(type, id).filter(r -> r.archived() == archived);
        }
        checkIdProperty(type, idProperty);
        if (archived) {
            return schemas.get(type).records.values().stream()
                    .filter(r -> r.archived() && id.equalsIgnoreCase(r.values.getOrDefault(idProperty, "")))
                    .findFirst();
        }
        return findByUnique(type, idProperty, id);
    }

    synchronized void checkIdProperty(ObjectType type, String idProperty) {
        if (idProperty.equals("hs_object_id") || uniqueProperties(type).contains(idProperty)) {
            return;
        }
        throw HubSpotError.validation("Invalid idProperty '" + idProperty + "': it must be a property with"
                + " unique values (hasUniqueValue)" + (type == ObjectType.CONTACTS ? " or email" : ""));
    }

    synchronized List<StoredObject> all(ObjectType type) {
        return List.copyOf(schemas.get(type).records.values());
    }

    /** What search sees: each record as it was {@code searchLag} ago, archived ones left out. */
    synchronized List<Map.Entry<StoredObject, Map<String, String>>> searchable(ObjectType type) {
        Instant horizon = now().minus(searchLag);
        List<Map.Entry<StoredObject, Map<String, String>>> visible = new ArrayList<>();
        for (StoredObject record : schemas.get(type).records.values()) {
            Map<String, String> seen = null;
            boolean indexed = false;
            for (Version version : record.versions) {
                if (version.at().isAfter(horizon)) {
                    break;
                }
                indexed = true;
                seen = version.values();
            }
            if (indexed && seen != null) {
                visible.add(Map.entry(record, seen));
            }
        }
        return visible;
    }

    /** A record as the v3 API shows it, with the properties asked for (null when unset) or the defaults. */
    synchronized ObjectNode toJson(ObjectType type, StoredObject record, Collection<String> requested,
            boolean everything) {
        return toJson(type, record, record.values, requested, everything);
    }

    synchronized ObjectNode toJson(ObjectType type, StoredObject record, Map<String, String> values,
            Collection<String> requested, boolean everything) {
        ObjectNode body = HubSpotJson.object();
        body.put("id", Long.toString(record.id));
        ObjectNode properties = body.putObject("properties");
        if (everything) {
            values.forEach(properties::put);
        } else {
            Set<String> names = new java.util.TreeSet<>(requested == null || requested.isEmpty()
                    ? type.defaultProperties() : requested);
            names.add("hs_object_id");
            names.add("createdate");
            names.add(type.lastModifiedProperty());
            Schema schema = schemas.get(type);
            for (String name : names) {
                if (schema.properties.containsKey(name)) {
                    properties.put(name, values.get(name));
                }
            }
        }
        body.put("createdAt", HubSpotTime.format(record.createdAt));
        body.put("updatedAt", HubSpotTime.format(record.updatedAt));
        body.put("archived", record.archived());
        if (record.archived()) {
            body.put("archivedAt", HubSpotTime.format(record.archivedAt));
        }
        return body;
    }

    /**
     * Merges two records as HubSpot has since its "updated merge functionality" changelog: a new record with a new id
     * takes both. The primary's values win, blanks are filled from the other; the other's email joins
     * {@code hs_additional_emails}; {@code hs_merged_object_ids} lists both ids (and any they had absorbed); the
     * associations of both move over. Both old records are gone (not archived, no search hit), and a read of either
     * old id answers the new record, under its new id.
     */
    synchronized StoredObject merge(ObjectType type, StoredObject primary, StoredObject merged) {
        Set<String> system = Set.of("hs_object_id", "createdate", type.lastModifiedProperty(), "hs_additional_emails",
                "hs_merged_object_ids");
        Map<String, String> values = new LinkedHashMap<>();
        primary.values.forEach((name, value) -> {
            if (!system.contains(name)) {
                values.put(name, value);
            }
        });
        merged.values.forEach((name, value) -> {
            if (!system.contains(name) && !name.equals("email") && !values.containsKey(name)) {
                values.put(name, value);
            }
        });
        if (type == ObjectType.CONTACTS) {
            Set<String> emails = new LinkedHashSet<>();
            split(primary.values.get("hs_additional_emails")).forEach(emails::add);
            String mergedEmail = merged.values.get("email");
            if (mergedEmail != null && !values.containsKey("email")) {
                values.put("email", mergedEmail);
            } else if (mergedEmail != null) {
                emails.add(mergedEmail);
            }
            split(merged.values.get("hs_additional_emails")).forEach(emails::add);
            if (!emails.isEmpty()) {
                values.put("hs_additional_emails", String.join(";", emails));
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        split(primary.values.get("hs_merged_object_ids")).forEach(ids::add);
        ids.add(Long.toString(primary.id));
        ids.add(Long.toString(merged.id));
        split(merged.values.get("hs_merged_object_ids")).forEach(ids::add);
        values.put("hs_merged_object_ids", String.join(";", ids));
        List<Long> others = new ArrayList<>(associated(type, primary.id));
        associated(type, merged.id).stream().filter(id -> !others.contains(id)).forEach(others::add);
        remove(type, primary);
        remove(type, merged);
        Map<Long, Long> redirects = schemas.get(type).mergedInto;
        // Not create(): the merged record is no new contact, so the portal's automatic companies leave it alone.
        Instant now = now();
        StoredObject result = new StoredObject(nextId++, now);
        result.values.putAll(values);
        result.values.put("hs_object_id", Long.toString(result.id));
        result.values.put("createdate", HubSpotTime.format(now));
        result.values.put(type.lastModifiedProperty(), HubSpotTime.format(now));
        schemas.get(type).records.put(result.id, result);
        snapshot(result);
        redirects.put(primary.id, result.id);
        redirects.put(merged.id, result.id);
        for (Long other : others) {
            if (type == ObjectType.CONTACTS) {
                associate(result.id, other);
            } else {
                associate(other, result.id);
            }
        }
        return result;
    }

    /**
     * The live record an id names, following merges: a merged-away id answers the record it was merged into (HubSpot:
     * "fetching any records using the original IDs will return the new merged record with the new ID"). For reads.
     */
    synchronized Optional<StoredObject> followingMerges(ObjectType type, String id) {
        Optional<StoredObject> direct = byId(type, id);
        if (direct.isPresent() || id == null || !id.matches("\\d{1,18}")) {
            return direct.filter(r -> !r.archived());
        }
        Schema schema = schemas.get(type);
        Long target = schema.mergedInto.get(Long.parseLong(id));
        for (int hops = 0; target != null && hops < 250; hops++) {
            StoredObject record = schema.records.get(target);
            if (record != null) {
                return Optional.of(record).filter(r -> !r.archived());
            }
            target = schema.mergedInto.get(target);
        }
        return Optional.empty();
    }

    /** Gone for good: no archive, no search hit, no associations (merge and GDPR delete). */
    synchronized void remove(ObjectType type, StoredObject record) {
        schemas.get(type).records.remove(record.id);
        associations.removeIf(a -> type == ObjectType.CONTACTS ? a.contactId() == record.id
                : a.companyId() == record.id);
    }

    private static List<String> split(String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value.split(";"));
    }

    // ---- associations --------------------------------------------------------------------------------------

    synchronized void associate(long contactId, long companyId) {
        associations.add(new Association(contactId, companyId));
    }

    synchronized boolean dissociate(long contactId, long companyId) {
        return associations.remove(new Association(contactId, companyId));
    }

    /** Ids associated with a record of {@code from}, in the other type. */
    synchronized List<Long> associated(ObjectType from, long id) {
        return associations.stream()
                .filter(a -> from == ObjectType.CONTACTS ? a.contactId() == id : a.companyId() == id)
                .map(a -> from == ObjectType.CONTACTS ? a.companyId() : a.contactId()).toList();
    }
}
