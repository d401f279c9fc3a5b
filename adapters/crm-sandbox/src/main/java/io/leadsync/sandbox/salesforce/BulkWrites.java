package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The record side of Bulk API 2.0 ingest ({@link BulkIngest} calls these, one internal batch at a time): the job's
 * object and external id field, its unknown CSV columns, and each batch's rows through the REST write path. Not
 * thread-safe: {@link SalesforceOrg} calls it under its lock.
 */
final class BulkWrites {

    private final OrgSchema schemas;
    private final RecordStore store;
    private final RecordWrites writes;

    BulkWrites(OrgSchema schemas, RecordStore store, RecordWrites writes) {
        this.schemas = schemas;
        this.store = store;
        this.writes = writes;
    }

    /** The canonical name of the object a Bulk job names; a 404 NOT_FOUND when the org has no such object. */
    String bulkObject(String object) {
        return schemas.schema(object).name();
    }

    /**
     * The canonical name of an upsert job's external id field: {@code Id}, or an external id field the user can
     * see; empty when there is no such field.
     */
    Optional<String> bulkExternalIdField(SandboxUser user, String object, String fieldName) {
        SObjectSchema schema = schemas.schema(object);
        return schema.field(fieldName).filter(schemas.readable(schema, user))
                .filter(f -> f.externalId() || "Id".equals(f.name()))
                .map(FieldDefinition::name);
    }

    /** The CSV header columns that name no field the user can see (relationship columns included). */
    List<String> bulkUnknownColumns(SandboxUser user, String object, List<String> columns) {
        SObjectSchema schema = schemas.schema(object);
        Predicate<FieldDefinition> readable = schemas.readable(schema, user);
        return columns.stream().filter(c -> schema.field(c).filter(readable).isEmpty()).toList();
    }

    /**
     * One internal batch of a Bulk API 2.0 ingest job: every row goes through the REST write path (the same
     * validation, field-level security, external-id matching and stamps), and fails alone. {@code rows} hold the
     * CSV cells by column as text, a {@code #N/A} cell as null and an empty cell left out. One result per row,
     * in order. With {@code locked}, every row fails with UNABLE_TO_LOCK_ROW and nothing is saved.
     */
    List<SaveResult> bulkBatch(SandboxUser user, String object, String operation,
            String externalIdFieldName, List<ObjectNode> rows, boolean locked) {
        SObjectSchema schema = schemas.schema(object);
        Predicate<FieldDefinition> readable = schemas.readable(schema, user);
        boolean byId = "update".equals(operation) || "delete".equals(operation);
        FieldDefinition key = "upsert".equals(operation) ? writes.externalIdField(schema, user, externalIdFieldName) : null;
        List<Map<String, JsonNode>> parsed = new ArrayList<>();
        List<SaveResult> early = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (ObjectNode row : rows) {
            String id = null;
            var members = row.fields();
            while (members.hasNext()) {
                var member = members.next();
                if (member.getKey().equalsIgnoreCase("Id") && !member.getValue().isNull()) {
                    id = member.getValue().asText();
                }
            }
            ids.add(id);
            if ("delete".equals(operation)) {
                parsed.add(Map.of());
                early.add(null);
                continue;
            }
            try {
                parsed.add(RecordValidator.columns(schema, readable, row, byId ? List.of("Id") : List.of()));
                early.add(null);
            } catch (ApiException e) {
                parsed.add(null);
                early.add(new SaveResult(null, false, e.errors()));
            }
        }
        Map<String, Integer> keyCounts = new HashMap<>();
        if (key != null) {
            for (Map<String, JsonNode> values : parsed) {
                JsonNode keyValue = values == null ? null : values.get(key.name());
                if (keyValue != null && !keyValue.isNull()) {
                    keyCounts.merge(RecordStore.normaliseKey(key, keyValue.asText()), 1, Integer::sum);
                }
            }
        }
        List<SaveResult> results = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String id = ids.get(i);
            if (early.get(i) != null) {
                results.add(early.get(i));
            } else if (locked) {
                results.add(SaveResult.failed(SalesforceFaults.lockError()));
            } else if ("insert".equals(operation)) {
                results.add(id != null ? SaveResult.failed(ApiError.of("INVALID_FIELD_FOR_INSERT_UPDATE",
                        "cannot specify Id in an insert call", List.of("Id")))
                        : store.save(schema, user, parsed.get(i), null));
            } else if ("upsert".equals(operation)) {
                results.add(writes.upsertOne(schema, user, key, parsed.get(i), keyCounts));
            } else if (id == null || id.isEmpty()) {
                results.add(SaveResult.failed(ApiError.of("MISSING_ARGUMENT", "Id not specified in an " + operation
                        + " call", List.of())));
            } else if ("update".equals(operation)) {
                results.add(writes.updateOne(schema, user, id, parsed.get(i)));
            } else {
                results.add(writes.deleteOne(schema, user, id));
            }
        }
        return results;
    }
}
