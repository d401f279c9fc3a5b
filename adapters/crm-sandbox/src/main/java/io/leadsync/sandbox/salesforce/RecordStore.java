package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The org's records, one table per sObject, and the one write path every API shares: validation, lookups, the
 * duplicate rule, unique fields, defaults and stamps. Deleted records stay as tombstones ({@code IsDeleted}) until
 * {@link RecordFeed} purges them. Not thread-safe: {@link SalesforceOrg} calls it under its lock.
 */
final class RecordStore {

    private final OrgSchema schemas;
    private final IdSequence ids;
    private final Clock clock;
    private final DuplicateRules duplicates;
    private final ValidationRules validation;
    private final AssignmentRules assignment;
    private final Map<String, Map<String, ObjectNode>> records = new HashMap<>();
    private final FieldValueIndexes valueIndexes = new FieldValueIndexes();
    private PersonAccounts personAccounts;

    RecordStore(OrgSchema schemas, IdSequence ids, Clock clock, DuplicateRules duplicates,
            ValidationRules validation, AssignmentRules assignment) {
        this.validation = validation;
        this.assignment = assignment;
        this.schemas = schemas;
        this.ids = ids;
        this.clock = clock;
        this.duplicates = duplicates;
    }

    /** Person Accounts, when the org has them enabled: checks and completes Account writes. */
    void personAccounts(PersonAccounts personAccounts) {
        this.personAccounts = personAccounts;
    }

    /** Empty tables for every object of the (freshly reset) schema. */
    void reset() {
        records.clear();
        valueIndexes.clear();
        schemas.all().forEach(schema -> records.put(schema.name(), new LinkedHashMap<>()));
    }

    /** The stored records of an object, tombstones included, by 18-character id; live, not a copy. */
    Map<String, ObjectNode> table(String object) {
        return records.get(object);
    }

    /** Every table, for sweeps over all objects. */
    Collection<Map<String, ObjectNode>> tables() {
        return records.values();
    }

    /** Puts back a table saved with {@link #snapshot}: how allOrNone rolls a request back. */
    void restore(String object, Map<String, ObjectNode> snapshot) {
        records.put(object, snapshot);
    }

    ObjectNode read(SandboxUser user, String object, String id, List<String> fieldNames,
            String version) {
        SObjectSchema schema = schemas.schema(object);
        ObjectNode stored = live(schema, id).orElseThrow(ApiException::notFound);
        Predicate<FieldDefinition> readable = schemas.readable(schema, user);
        List<FieldDefinition> fields;
        if (fieldNames == null) {
            fields = schema.fields().stream().filter(readable).toList();
        } else {
            fields = new ArrayList<>();
            fields.add(schema.field("Id").orElseThrow());
            for (String name : fieldNames) {
                FieldDefinition field = schema.field(name.trim()).filter(readable).orElseThrow(() ->
                        new ApiException(400, ApiError.of("INVALID_FIELD", "No such column '" + name.trim()
                                + "' on entity '" + schema.name() + "'. If you are attempting to use a custom field,"
                                + " be sure to append the '__c' after the custom field name. Please reference your"
                                + " WSDL or the describe call for the appropriate names.")));
                if (!fields.contains(field)) {
                    fields.add(field);
                }
            }
        }
        return render(schema, stored, fields, version);
    }

    ObjectNode render(SObjectSchema schema, ObjectNode stored, List<FieldDefinition> fields,
            String version) {
        ObjectNode body = Json.object();
        ObjectNode attributes = body.putObject("attributes");
        attributes.put("type", schema.name());
        attributes.put("url", "/services/data/v" + version + "/sobjects/" + schema.name() + "/"
                + stored.get("Id").textValue());
        for (FieldDefinition field : fields) {
            body.set(field.name(), stored.has(field.name()) ? stored.get(field.name()) : NullNode.instance);
        }
        return body;
    }

    ObjectNode existing(SObjectSchema schema, String id) {
        String normalised = SalesforceIds.normalise(id);
        ObjectNode stored = normalised == null ? null : records.get(schema.name()).get(normalised);
        if (stored == null) {
            throw ApiException.notFound();
        }
        if (stored.path("IsDeleted").asBoolean()) {
            throw new ApiException(404, ApiError.of("ENTITY_IS_DELETED", "entity is deleted", List.of()));
        }
        return stored;
    }

    Optional<ObjectNode> live(SObjectSchema schema, String id) {
        String normalised = SalesforceIds.normalise(id);
        return Optional.ofNullable(normalised == null ? null : records.get(schema.name()).get(normalised))
                .filter(r -> !r.path("IsDeleted").asBoolean());
    }

    List<ObjectNode> matches(SObjectSchema schema, FieldDefinition key, String value) {
        if ("Id".equals(key.name())) {
            return live(schema, value).map(List::of).orElse(List.of());
        }
        return valueIndexes.rowsWith(schema.name(), key, value, records.get(schema.name()));
    }

    static boolean sameKey(FieldDefinition key, String a, String b) {
        return normaliseKey(key, a).equals(normaliseKey(key, b));
    }

    static String normaliseKey(FieldDefinition key, String value) {
        return key.caseSensitive() ? value : value.toLowerCase(Locale.ROOT);
    }

    Map<String, ObjectNode> snapshot(SObjectSchema schema) {
        Map<String, ObjectNode> copy = new LinkedHashMap<>();
        records.get(schema.name()).forEach((id, record) -> copy.put(id, record.deepCopy()));
        return copy;
    }

    /** Validates and, when valid, writes one record; {@code stored} is null for an insert. */
    SaveResult save(SObjectSchema schema, SandboxUser user, Map<String, JsonNode> values,
            ObjectNode stored) {
        return save(schema, user, values, stored, schemas.editable(schema, user), true);
    }

    SaveResult save(SObjectSchema schema, SandboxUser user, Map<String, JsonNode> values,
            ObjectNode stored, Predicate<FieldDefinition> editable, boolean checkEmail) {
        if (stored != null && "Lead".equals(schema.name()) && LeadConversions.isConverted(stored)) {
            // A converted Lead is read-only to every API and the UI alike.
            return new SaveResult(stored.get("Id").textValue(), false, List.of(LeadConversions.convertedLead(
                    List.of())));
        }
        List<ApiError> personErrors = personAccounts == null ? List.of()
                : personAccounts.prepare(schema, values, stored);
        if (!personErrors.isEmpty()) {
            return new SaveResult(stored == null ? null : stored.get("Id").textValue(), false, personErrors);
        }
        List<ApiError> errors = new ArrayList<>(RecordValidator.validate(schema, editable, values, stored));
        errors.addAll(referenceErrors(schema, values));
        // Salesforce's order of execution: system validation, then the admin's validation rules, then duplicate
        // rules; a save that fails one step never reaches the next.
        if (errors.isEmpty()) {
            errors.addAll(validation.check(schema, values, stored));
        }
        if (errors.isEmpty()) {
            duplicates.check(schema, values, stored, records::get).ifPresent(errors::add);
        }
        if (!checkEmail) {
            errors.removeIf(e -> e.code().equals("INVALID_EMAIL_ADDRESS"));
        }
        String selfId = stored == null ? null : stored.get("Id").textValue();
        for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
            FieldDefinition field = schema.field(entry.getKey()).orElseThrow();
            if (!field.unique() || entry.getValue().isNull()) {
                continue;
            }
            matches(schema, field, entry.getValue().asText()).stream()
                    .map(r -> r.get("Id").textValue())
                    .filter(id -> !id.equals(selfId))
                    .findFirst()
                    .ifPresent(id -> errors.add(ApiError.of("DUPLICATE_VALUE", "duplicate value found: "
                            + field.name() + " duplicates value on record with id: " + id, List.of())));
        }
        if (!errors.isEmpty()) {
            return new SaveResult(selfId, false, errors);
        }
        boolean insert = stored == null;
        String now = SalesforceTime.format(clock.instant());
        ObjectNode record = insert ? Json.object() : stored;
        if (insert) {
            record.put("Id", ids.next(schema.keyPrefix()));
            record.put("IsDeleted", false);
            for (FieldDefinition field : schema.fields()) {
                if ("boolean".equals(field.type()) && field.createable()) {
                    record.put(field.name(), false);
                }
            }
            if (schema.field("IsConverted").isPresent()) {
                record.put("IsConverted", false);
                record.put("IsUnreadByOwner", true);
            }
            schema.field("Status").ifPresent(f -> record.put("Status", f.picklistValues().get(0)));
            // A Task's Priority defaults to Normal, its closed flag follows its status below.
            schema.field("Priority").ifPresent(f -> record.put("Priority", "Normal"));
            record.put("OwnerId", user.id());
            record.put("CreatedById", user.id());
            record.put("CreatedDate", now);
        }
        values.forEach((name, value) -> {
            FieldDefinition field = schema.field(name).orElseThrow();
            if (field.defaultedOnCreate() && value.isNull()) {
                return;
            }
            record.set(name, value);
        });
        if (schema.field("LastName").isPresent() && !"Account".equals(schema.name())) {
            // A person's Name is computed (a person account's in PersonAccounts); an Account's is the one it was given.
            String fullName = (record.path("FirstName").isTextual() ? record.get("FirstName").textValue() + " " : "")
                    + record.path("LastName").asText("");
            record.put("Name", fullName.trim());
        }
        if (schema.field("IsClosed").isPresent()) {
            record.put("IsClosed", "Completed".equals(record.path("Status").asText()));
        }
        // The request's Sforce-Auto-Assign (absent = TRUE) decides whether the org's assignment rule runs.
        assignment.owner(schema.name(), AutoAssign.current(), insert).ifPresent(owner -> record.put("OwnerId", owner));
        stamp(record, user, now, true);
        if (insert) {
            records.get(schema.name()).put(record.get("Id").textValue(), record);
        }
        valueIndexes.saved(schema.name(), record);
        if (personAccounts != null) {
            personAccounts.saved(schema, record, user, now);
        }
        if (insert) {
            DuplicateRuleHeader.current().sameTransaction().add(record.get("Id").textValue());
        }
        return new SaveResult(record.get("Id").textValue(), insert, List.of());
    }

    /**
     * Lookups to the sObjects this org stores (Contact.AccountId, Account.ParentId...) must name a live record of
     * the right type. Owner and user lookups are not checked: the sandbox has no Group records to check against.
     */
    List<ApiError> referenceErrors(SObjectSchema schema, Map<String, JsonNode> values) {
        List<ApiError> errors = new ArrayList<>();
        values.forEach((name, value) -> {
            FieldDefinition field = schema.field(name).orElseThrow();
            if (!"reference".equals(field.type()) || !field.createable() || value.isNull() || field.referenceTo().isEmpty()
                    
                    || !field.referenceTo().stream().allMatch(n -> schemas.exactly(n) != null)) {
                return;
            }
            String id = SalesforceIds.normalise(value.asText());
            if (id == null) {
                errors.add(ApiError.of("MALFORMED_ID", field.label() + ": id value of incorrect type: "
                        + value.asText(), List.of(field.name())));
                return;
            }
            Optional<SObjectSchema> target = field.referenceTo().stream().map(schemas::exactly)
                    .filter(s -> id.startsWith(s.keyPrefix())).findFirst();
            if (target.isEmpty()) {
                errors.add(ApiError.of("FIELD_INTEGRITY_EXCEPTION", field.label() + ": id value of incorrect type: "
                        + value.asText(), List.of(field.name())));
            } else if (live(target.get(), id).isEmpty()) {
                errors.add(ApiError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                        List.of(field.name())));
            } else if ("Lead".equals(target.get().name()) && LeadConversions.isConverted(live(target.get(), id)
                    .orElseThrow())) {
                // A Task's WhoId (or any lookup) cannot name a converted Lead.
                errors.add(LeadConversions.convertedLead(List.of(field.name())));
            }
        });
        return errors;
    }

    static void stamp(ObjectNode record, SandboxUser user, String now, boolean userEdit) {
        if (userEdit) {
            record.put("LastModifiedDate", now);
            record.put("LastModifiedById", user.id());
        }
        record.put("SystemModstamp", now);
    }

    /** Every live record with every field, whatever the field-level security. */
    List<ObjectNode> allRecords(String object, String version) {
        SObjectSchema schema = schemas.schema(object);
        return records.get(schema.name()).values().stream()
                .filter(r -> !r.path("IsDeleted").asBoolean())
                .map(r -> render(schema, r, schema.fields(), version))
                .toList();
    }
}
