package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-record writes through the sObject rows (create, update, delete, upsert by external id) and the
 * one-record steps Collections and Bulk share. Not thread-safe: {@link SalesforceOrg} calls it under its lock.
 */
final class RecordWrites {

    private final OrgAuth auth;
    private final OrgSchema schemas;
    private final RecordStore store;
    private final Clock clock;

    RecordWrites(OrgAuth auth, OrgSchema schemas, RecordStore store, Clock clock) {
        this.auth = auth;
        this.schemas = schemas;
        this.store = store;
        this.clock = clock;
    }

    SaveResult create(SandboxUser user, String object, JsonNode body) {
        SObjectSchema schema = schemas.schema(object);
        Map<String, JsonNode> values = RecordValidator.columns(schema, schemas.readable(schema, user), body, List.of());
        return store.save(schema, user, values, null);
    }

    void update(SandboxUser user, String object, String id, JsonNode body) {
        SObjectSchema schema = schemas.schema(object);
        ObjectNode stored = store.existing(schema, id);
        Map<String, JsonNode> values = RecordValidator.columns(schema, schemas.readable(schema, user), body, List.of("Id"));
        SaveResult result = store.save(schema, user, values, stored);
        if (!result.success()) {
            throw new ApiException(400, result.errors());
        }
    }

    void delete(SandboxUser user, String object, String id) {
        SObjectSchema schema = schemas.schema(object);
        ObjectNode stored = store.existing(schema, id);
        stored.put("IsDeleted", true);
        RecordStore.stamp(stored, user, SalesforceTime.format(clock.instant()), false);
    }

    /** Single-record upsert by an external id field (or {@code Id}). */
    UpsertResult upsert(SandboxUser user, String object, String fieldName, String value,
            JsonNode body, boolean updateOnly) {
        SObjectSchema schema = schemas.schema(object);
        FieldDefinition key = externalIdField(schema, user, fieldName);
        Map<String, JsonNode> values = RecordValidator.columns(schema, schemas.readable(schema, user), body, List.of());
        JsonNode inBody = values.remove(key.name());
        if (inBody != null && !inBody.isNull() && !RecordStore.sameKey(key, inBody.asText(), value)) {
            throw new ApiException(400, ApiError.of("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update"
                    + " fields: " + key.name() + ". The external id in the URL and in the body differ.",
                    List.of(key.name())));
        }
        List<ObjectNode> matches = store.matches(schema, key, value);
        if (matches.size() > 1) {
            return new UpsertResult(null, matches.stream().map(r -> r.get("Id").textValue()).toList());
        }
        if (matches.isEmpty()) {
            if (updateOnly) {
                throw ApiException.notFound();
            }
            if (!"Id".equals(key.name())) {
                values.put(key.name(), TextNode.valueOf(value));
            }
            return new UpsertResult(store.save(schema, user, values, null), List.of());
        }
        return new UpsertResult(store.save(schema, user, values, matches.get(0)), List.of());
    }

    SaveResult updateOne(SObjectSchema schema, SandboxUser user, String id, Map<String, JsonNode> values) {
        String normalised = SalesforceIds.normalise(id);
        if (normalised == null || !normalised.startsWith(schema.keyPrefix())) {
            return SaveResult.failed(ApiError.of("MALFORMED_ID", schema.label() + " ID: id value of incorrect type: " + id,
                    List.of("Id")));
        }
        ObjectNode stored = store.table(schema.name()).get(normalised);
        if (stored == null) {
            return new SaveResult(normalised, false, List.of(ApiError.of("INVALID_CROSS_REFERENCE_KEY",
                    "invalid cross reference id", List.of())));
        }
        if (stored.path("IsDeleted").asBoolean()) {
            return new SaveResult(normalised, false, List.of(ApiError.of("ENTITY_IS_DELETED", "entity is deleted",
                    List.of())));
        }
        return store.save(schema, user, values, stored);
    }

    SaveResult upsertOne(SObjectSchema schema, SandboxUser user, FieldDefinition key,
            Map<String, JsonNode> values, Map<String, Integer> keyCounts) {
        JsonNode keyValue = values.get(key.name());
        if (keyValue == null || keyValue.isNull()) {
            return SaveResult.failed(ApiError.of("MISSING_ARGUMENT", key.name() + " not specified", List.of()));
        }
        String value = keyValue.asText();
        if (keyCounts.getOrDefault(RecordStore.normaliseKey(key, value), 0) > 1) {
            return SaveResult.failed(ApiError.of("DUPLICATE_EXTERNAL_ID", "Duplicate external id specified: " + value,
                    List.of(key.name())));
        }
        List<ObjectNode> matches = store.matches(schema, key, value);
        if (matches.size() > 1) {
            return SaveResult.failed(ApiError.of("DUPLICATE_EXTERNAL_ID", "more than one record found for external id field: "
                    + matches.stream().map(r -> r.get("Id").textValue()).toList(), List.of(key.name())));
        }
        Map<String, JsonNode> changes = new LinkedHashMap<>(values);
        if (matches.isEmpty()) {
            return store.save(schema, user, changes, null);
        }
        changes.remove(key.name());
        return store.save(schema, user, changes, matches.get(0));
    }

    FieldDefinition externalIdField(SObjectSchema schema, SandboxUser user, String fieldName) {
        FieldDefinition key = schema.field(fieldName).filter(schemas.readable(schema, user)).orElseThrow(() ->
                new ApiException(404, ApiError.of("NOT_FOUND",
                        "Provided external ID field does not exist or is not accessible: " + fieldName)));
        if (!key.externalId() && !"Id".equals(key.name())) {
            throw new ApiException(400, ApiError.of("INVALID_FIELD", "Field name provided, " + key.name()
                    + " is not an External ID or indexed field for " + schema.name()));
        }
        return key;
    }

    SaveResult deleteOne(SObjectSchema schema, SandboxUser user, String id) {
        String normalised = SalesforceIds.normalise(id.trim());
        if (normalised == null || !normalised.startsWith(schema.keyPrefix())) {
            return SaveResult.failed(ApiError.of("MALFORMED_ID", "bad id " + id, List.of()));
        }
        ObjectNode stored = store.table(schema.name()).get(normalised);
        if (stored == null) {
            return new SaveResult(normalised, false, List.of(ApiError.of("INVALID_CROSS_REFERENCE_KEY",
                    "invalid cross reference id", List.of())));
        }
        if (stored.path("IsDeleted").asBoolean()) {
            return new SaveResult(normalised, false, List.of(ApiError.of("ENTITY_IS_DELETED", "entity is deleted",
                    List.of())));
        }
        stored.put("IsDeleted", true);
        RecordStore.stamp(stored, user, SalesforceTime.format(clock.instant()), false);
        return new SaveResult(normalised, false, List.of());
    }

    /** An edit made in the Salesforce UI by the sales rep: the usual validation, no field-level security. */
    ObjectNode editAsRep(String object, String id, JsonNode body, String version) {
        SObjectSchema schema = schemas.schema(object);
        SandboxUser rep = auth.userByUsername("rep@acme.example").orElseThrow();
        ObjectNode stored = store.existing(schema, id);
        Map<String, JsonNode> values = RecordValidator.columns(schema, f -> true, body, List.of("Id"));
        SaveResult result = store.save(schema, rep, values, stored);
        if (!result.success()) {
            throw new ApiException(400, result.errors());
        }
        return store.render(schema, stored, schema.fields(), version);
    }
}
