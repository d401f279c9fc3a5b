package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * sObject Collections: create, update, upsert, delete and retrieve of up to 200 records, per-record results in
 * request order, allOrNone rolling the whole request back. Not thread-safe: {@link SalesforceOrg} calls it under
 * its lock.
 */
final class CollectionWrites {

    /** Digest section 5: a Collections request of mixed types is saved in at most 10 chunks of one type. */
    static final int COLLECTION_CHUNK_LIMIT = 10;

    private final OrgSchema schemas;
    private final RecordStore store;
    private final RecordWrites writes;
    private final Clock clock;

    CollectionWrites(OrgSchema schemas, RecordStore store, RecordWrites writes, Clock clock) {
        this.schemas = schemas;
        this.store = store;
        this.writes = writes;
        this.clock = clock;
    }

    /**
     * sObject Collections upsert: per-record results in request order. With allOrNone, one failure rolls every
     * record back and the others report ALL_OR_NONE_OPERATION_ROLLED_BACK.
     */
    ArrayNode upsertCollection(SandboxUser user, String object, String fieldName, List<JsonNode> rows,
            boolean allOrNone, boolean locked) {
        SObjectSchema schema = schemas.schema(object);
        FieldDefinition key = writes.externalIdField(schema, user, fieldName);
        Predicate<FieldDefinition> readable = schemas.readable(schema, user);
        List<Map<String, JsonNode>> parsed = new ArrayList<>();
        for (JsonNode row : rows) {
            parsed.add(RecordValidator.columns(schema, readable, row, List.of()));
        }
        Map<String, Integer> keyCounts = new HashMap<>();
        for (Map<String, JsonNode> values : parsed) {
            JsonNode keyValue = values.get(key.name());
            if (keyValue != null && !keyValue.isNull()) {
                keyCounts.merge(RecordStore.normaliseKey(key, keyValue.asText()), 1, Integer::sum);
            }
        }
        Map<String, ObjectNode> snapshot = allOrNone ? store.snapshot(schema) : null;
        List<SaveResult> results = new ArrayList<>();
        for (Map<String, JsonNode> values : parsed) {
            // Contention is found when a row is saved, so a locked call still answers 200, each row failing alone.
            results.add(locked ? SaveResult.failed(SalesforceFaults.lockError())
                    : writes.upsertOne(schema, user, key, values, keyCounts));
        }
        boolean rollBack = allOrNone && results.stream().anyMatch(r -> !r.success());
        if (rollBack) {
            store.restore(schema.name(), snapshot);
        }
        return collectionResults(results, rollBack, true);
    }

    /** Per-record results in request order, as every sObject Collections call answers. */
    private static ArrayNode collectionResults(List<SaveResult> results, boolean rolledBack, boolean withCreated) {
        ArrayNode body = Json.array();
        for (SaveResult result : results) {
            ObjectNode entry = body.addObject();
            if (rolledBack && result.success()) {
                entry.put("success", false);
                entry.putArray("errors").add(ApiError.of("ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back"
                        + " because not all records were valid and the request was using AllOrNone header",
                        List.of()).toRecordJson());
            } else if (result.success()) {
                entry.put("id", result.id());
                entry.put("success", true);
                entry.putArray("errors");
                if (withCreated) {
                    entry.put("created", result.created());
                }
            } else {
                if (result.id() != null) {
                    entry.put("id", result.id());
                }
                entry.put("success", false);
                ArrayNode errors = entry.putArray("errors");
                result.errors().forEach(e -> errors.add(e.toRecordJson()));
            }
        }
        return body;
    }

    /**
     * sObject Collections create ({@code update=false}) or update: records of any stored type, each naming it in
     * {@code attributes.type}, saved in request order. A record that cannot be read (unknown type or column) fails
     * the whole request, as in Salesforce; save-time errors fail the record alone, unless allOrNone.
     */
    ArrayNode saveCollection(SandboxUser user, List<JsonNode> rows, boolean update, boolean allOrNone,
            boolean locked) {
        List<SObjectSchema> types = new ArrayList<>();
        List<Map<String, JsonNode>> parsed = new ArrayList<>();
        List<JsonNode> ids = new ArrayList<>();
        int chunks = 0;
        for (JsonNode row : rows) {
            JsonNode type = row.path("attributes").path("type");
            if (!type.isTextual()) {
                // The digest names the case (a malformed request, 400) but not its code: UNCONFIRMED.
                throw new ApiException(400, ApiError.of("INVALID_TYPE", "No SObject Type defined in JSON"));
            }
            SObjectSchema schema;
            try {
                schema = schemas.schema(type.textValue());
            } catch (ApiException e) {
                throw new ApiException(400, ApiError.of("INVALID_TYPE", "sObject type '" + type.textValue()
                        + "' is not supported."));
            }
            if (types.isEmpty() || types.get(types.size() - 1) != schema) {
                chunks++;
            }
            types.add(schema);
            JsonNode id = null;
            var members = row.fields();
            while (members.hasNext()) {
                var member = members.next();
                if (member.getKey().equalsIgnoreCase("Id")) {
                    id = member.getValue();
                }
            }
            ids.add(id);
            parsed.add(RecordValidator.columns(schema, schemas.readable(schema, user), row, List.of("Id")));
        }
        if (chunks > COLLECTION_CHUNK_LIMIT) {
            // Digest section 5: mixed types are saved in chunks, at most 10; the error code is UNCONFIRMED.
            throw new ApiException(400, ApiError.of("INVALID_BATCH_REQUEST", "A request may contain at most "
                    + COLLECTION_CHUNK_LIMIT + " chunks of records of one type; this one has " + chunks));
        }
        Map<String, Map<String, ObjectNode>> snapshots = new HashMap<>();
        if (allOrNone) {
            types.forEach(t -> snapshots.computeIfAbsent(t.name(), n -> store.snapshot(t)));
        }
        List<SaveResult> results = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            SObjectSchema schema = types.get(i);
            JsonNode id = ids.get(i);
            if (locked) {
                results.add(SaveResult.failed(SalesforceFaults.lockError()));
            } else if (!update && id != null && !id.isNull()) {
                results.add(SaveResult.failed(ApiError.of("INVALID_FIELD_FOR_INSERT_UPDATE",
                        "cannot specify Id in an insert call", List.of("Id"))));
            } else if (!update) {
                results.add(store.save(schema, user, parsed.get(i), null));
            } else if (id == null || id.isNull() || id.asText().isEmpty()) {
                results.add(SaveResult.failed(ApiError.of("MISSING_ARGUMENT", "Id not specified in an update call",
                        List.of())));
            } else {
                results.add(writes.updateOne(schema, user, id.asText(), parsed.get(i)));
            }
        }
        boolean rollBack = allOrNone && results.stream().anyMatch(r -> !r.success());
        if (rollBack) {
            snapshots.forEach(store::restore);
        }
        return collectionResults(results, rollBack, false);
    }

    /** sObject Collections delete: ids of any stored type, per-id results in request order. */
    ArrayNode deleteCollection(SandboxUser user, List<String> ids, boolean allOrNone, boolean locked) {
        Map<String, Map<String, ObjectNode>> snapshots = new HashMap<>();
        if (allOrNone) {
            schemas.all().forEach(t -> snapshots.put(t.name(), store.snapshot(t)));
        }
        List<SaveResult> results = new ArrayList<>();
        for (String id : ids) {
            String normalised = SalesforceIds.normalise(id.trim());
            Optional<SObjectSchema> schema = normalised == null ? Optional.empty() : schemas.all().stream()
                    .filter(t -> normalised.startsWith(t.keyPrefix())).findFirst();
            ObjectNode stored = schema.map(t -> store.table(t.name()).get(normalised)).orElse(null);
            if (locked) {
                results.add(SaveResult.failed(SalesforceFaults.lockError()));
            } else if (normalised == null) {
                results.add(SaveResult.failed(ApiError.of("MALFORMED_ID", "malformed id " + id, List.of())));
            } else if (stored == null) {
                results.add(new SaveResult(normalised, false, List.of(ApiError.of("INVALID_CROSS_REFERENCE_KEY",
                        "invalid cross reference id", List.of()))));
            } else if (stored.path("IsDeleted").asBoolean()) {
                results.add(new SaveResult(normalised, false, List.of(ApiError.of("ENTITY_IS_DELETED",
                        "entity is deleted", List.of()))));
            } else {
                stored.put("IsDeleted", true);
                RecordStore.stamp(stored, user, SalesforceTime.format(clock.instant()), false);
                results.add(new SaveResult(normalised, false, List.of()));
            }
        }
        boolean rollBack = allOrNone && results.stream().anyMatch(r -> !r.success());
        if (rollBack) {
            snapshots.forEach(store::restore);
        }
        return collectionResults(results, rollBack, false);
    }

    /** sObject Collections retrieve: the records in the order asked for, null where an id finds none. */
    ArrayNode retrieveCollection(SandboxUser user, String object, List<String> ids,
            List<String> fieldNames, String version) {
        SObjectSchema schema = schemas.schema(object);
        ArrayNode body = Json.array();
        for (String id : ids) {
            Optional<ObjectNode> stored = store.live(schema, id.trim());
            if (stored.isEmpty()) {
                body.addNull();
            } else {
                body.add(store.read(user, schema.name(), id.trim(), fieldNames, version));
            }
        }
        return body;
    }
}
