package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The org's record tables as {@link LeadConversions} sees them. The org hands over its tables and id source; every
 * call happens under the org's lock (the org's synchronized methods call in). New records get the system fields a
 * save gives them (Id, IsDeleted, CreatedDate/ById, LastModified..., SystemModstamp, the defaults of the checkboxes).
 */
final class OrgRecordStore implements LeadConversions.Store {
    /** What the org must supply: its tables by object, its id source, its clock, the LeadStatus rows, validation. */
    interface Org {
        /** The live table of an object, by 18-character id, tombstones included. */
        Map<String, ObjectNode> table(String object);

        String nextId(String keyPrefix);

        SObjectSchema schema(String object);

        Instant now();

        List<ObjectNode> leadStatuses();

        List<ApiError> checkUpdate(SandboxUser user, String object, ObjectNode record, Map<String, JsonNode> values);
    }

    private final Org org;

    OrgRecordStore(Org org) {
        this.org = org;
    }

    @Override
    public Optional<ObjectNode> live(String object, String id) {
        return any(object, id).filter(record -> !record.path("IsDeleted").asBoolean());
    }

    @Override
    public Optional<ObjectNode> any(String object, String id) {
        String normalised = id == null ? null : SalesforceIds.normalise(id.trim());
        Map<String, ObjectNode> table = org.table(org.schema(object).name());
        return Optional.ofNullable(normalised == null || table == null ? null : table.get(normalised));
    }

    @Override
    public List<ObjectNode> all(String object) {
        Map<String, ObjectNode> table = org.table(org.schema(object).name());
        return table == null ? List.of() : new ArrayList<>(table.values());
    }

    @Override
    public ObjectNode insert(SandboxUser user, String object, Map<String, JsonNode> values) {
        SObjectSchema schema = org.schema(object);
        String id = org.nextId(schema.keyPrefix());
        String now = SalesforceTime.format(org.now());
        ObjectNode record = Json.object();
        record.put("Id", id);
        record.put("IsDeleted", false);
        for (FieldDefinition field : schema.fields()) {
            if (field.type().equals("boolean") && field.createable()) {
                record.put(field.name(), false);
            }
        }
        record.put("OwnerId", user.id());
        values.forEach(record::set);
        if (schema.field("Name").isPresent() && !record.hasNonNull("Name") && record.hasNonNull("LastName")) {
            // A person's Name is computed from its parts, as Salesforce does.
            String first = record.path("FirstName").asText("");
            record.put("Name", (first.isEmpty() ? "" : first + " ") + record.path("LastName").asText());
        }
        record.put("CreatedDate", now);
        record.put("CreatedById", user.id());
        record.put("LastModifiedDate", now);
        record.put("LastModifiedById", user.id());
        record.put("SystemModstamp", now);
        org.table(schema.name()).put(id, record);
        return record;
    }

    @Override
    public void touch(ObjectNode record, SandboxUser user) {
        String now = SalesforceTime.format(org.now());
        record.put("LastModifiedDate", now);
        record.put("LastModifiedById", user.id());
        record.put("SystemModstamp", now);
    }

    @Override
    public List<ObjectNode> leadStatuses() {
        return org.leadStatuses();
    }

    @Override
    public List<ApiError> checkUpdate(SandboxUser user, String object, ObjectNode record,
                                      Map<String, JsonNode> values) {
        return org.checkUpdate(user, object, record, values);
    }

    @Override
    public Instant now() {
        return org.now();
    }

    /** The org's side built from its own methods, so wiring it in the org is one statement. */
    static Org of(Function<String, Map<String, ObjectNode>> tables, Function<String, String> nextId,
                  Function<String, SObjectSchema> schema, Supplier<Instant> now,
                  Supplier<List<ObjectNode>> leadStatuses, Checker checker) {
        return new Org() {
            @Override
            public Map<String, ObjectNode> table(String object) {
                return tables.apply(object);
            }

            @Override
            public String nextId(String keyPrefix) {
                return nextId.apply(keyPrefix);
            }

            @Override
            public SObjectSchema schema(String object) {
                return schema.apply(object);
            }

            @Override
            public Instant now() {
                return now.get();
            }

            @Override
            public List<ObjectNode> leadStatuses() {
                return leadStatuses.get();
            }

            @Override
            public List<ApiError> checkUpdate(SandboxUser user, String object, ObjectNode record,
                                              Map<String, JsonNode> values) {
                return checker.check(user, object, record, values);
            }
        };
    }

    interface Checker {
        List<ApiError> check(SandboxUser user, String object, ObjectNode record, Map<String, JsonNode> values);
    }
}
