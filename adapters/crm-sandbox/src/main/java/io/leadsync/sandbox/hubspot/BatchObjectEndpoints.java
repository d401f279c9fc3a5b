package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.hubspot.CrmStore.StoredObject;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CRM v3 batch calls ({@code batch/create|update|upsert|read}): up to 100 inputs, 207 with per-input errors tied
 * to their input. Called by {@link CrmObjectEndpoints} under the store's lock.
 */
final class BatchObjectEndpoints {

    private final CrmStore store;

    BatchObjectEndpoints(CrmStore store) {
        this.store = store;
    }

    static List<JsonNode> inputs(JsonNode body) {
        JsonNode inputs = body.path("inputs");
        if (!inputs.isArray()) {
            throw HubSpotError.validation("Invalid input JSON: \"inputs\" is required");
        }
        if (inputs.size() > CrmObjectEndpoints.BATCH_LIMIT) {
            throw HubSpotError.of(400, "VALIDATION_ERROR", "Batch operations are limited to 100 records",
                    extra -> extra.putObject("context").set("inputs",
                            HubSpotJson.strings(List.of(Integer.toString(inputs.size())))));
        }
        List<JsonNode> list = new ArrayList<>();
        inputs.forEach(list::add);
        return list;
    }

    private static void rejectDuplicateIds(List<String> ids) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        ids.forEach(id -> {
            if (!seen.add(id)) {
                duplicates.add(id);
            }
        });
        if (!duplicates.isEmpty()) {
            throw HubSpotError.validation("Duplicate IDs found in batch input: " + duplicates
                    + ". IDs must be unique");
        }
    }

    Reply batchCreate(ObjectType type, List<JsonNode> inputs) {
        Instant started = store.now();
        List<Map<String, String>> valid = new ArrayList<>();
        List<JsonNode> validInputs = new ArrayList<>();
        List<ObjectNode> errors = new ArrayList<>();
        Map<String, String> seenUnique = new LinkedHashMap<>();
        for (JsonNode input : inputs) {
            Map<String, String> values = new LinkedHashMap<>();
            List<ObjectNode> problems = store.validate(type, input.path("properties"), null, values);
            if (problems.isEmpty() && CrmObjectEndpoints.lacksIdentity(type, values)) {
                problems.add(PropertyValues.valueError("A contact needs at least one of the properties email, firstname"
                        + " or lastname", "REQUIRED_PROPERTY", "email"));
            }
            if (!problems.isEmpty()) {
                errors.add(batchError("VALIDATION_ERROR", PropertyValues.invalidValues(problems).getMessage(), input));
                continue;
            }
            // HubSpot fails the whole batch on a duplicate email (digest 2.2), within the batch or against a record.
            HubSpotError conflict = store.conflict(type, values, null);
            if (conflict != null) {
                throw conflict;
            }
            for (String unique : store.uniqueProperties(type)) {
                String value = values.get(unique);
                if (value != null && !value.isEmpty() && seenUnique.put(unique + "\u0000" + value, value) != null) {
                    throw HubSpotError.of(409, "CONFLICT", "Duplicate values for the unique property '" + unique
                            + "' in batch input: " + value);
                }
            }
            valid.add(values);
            validInputs.add(input);
        }
        ArrayNode results = HubSpotJson.array();
        for (int i = 0; i < valid.size(); i++) {
            StoredObject record = store.create(type, valid.get(i));
            ObjectNode json = store.toJson(type, record, null, true);
            JsonNode trace = validInputs.get(i).path("objectWriteTraceId");
            if (trace.isTextual()) {
                json.put("objectWriteTraceId", trace.textValue());
            }
            results.add(json);
        }
        return batchReply(errors.isEmpty() ? 201 : 207, results, errors, started);
    }

    Reply batchUpdate(ObjectType type, List<JsonNode> inputs) {
        Instant started = store.now();
        rejectDuplicateIds(inputs.stream().map(i -> i.path("id").asText("")).toList());
        List<String> missing = new ArrayList<>();
        List<ObjectNode> errors = new ArrayList<>();
        List<StoredObject> records = new ArrayList<>();
        List<Map<String, String>> changes = new ArrayList<>();
        for (JsonNode input : inputs) {
            String id = input.path("id").asText("");
            String idProperty = input.path("idProperty").asText(null);
            Optional<StoredObject> record = store.find(type, id, idProperty, false);
            if (record.isEmpty()) {
                missing.add(id);
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            List<ObjectNode> problems = store.validate(type, input.path("properties"), record.get(), values);
            if (!problems.isEmpty()) {
                errors.add(batchError("VALIDATION_ERROR", PropertyValues.invalidValues(problems).getMessage(), input));
                continue;
            }
            HubSpotError conflict = store.conflict(type, values, record.get().id);
            if (conflict != null) {
                throw conflict;
            }
            records.add(record.get());
            changes.add(values);
        }
        if (!missing.isEmpty()) {
            errors.add(0, notFoundError(type, missing));
        }
        ArrayNode results = HubSpotJson.array();
        for (int i = 0; i < records.size(); i++) {
            store.update(type, records.get(i), changes.get(i));
            results.add(store.toJson(type, records.get(i), null, true));
        }
        return batchReply(errors.isEmpty() ? 200 : 207, results, errors, started);
    }

    Reply batchUpsert(ObjectType type, List<JsonNode> inputs) {
        Instant started = store.now();
        for (JsonNode input : inputs) {
            String idProperty = input.path("idProperty").asText("");
            if (idProperty.isEmpty() || idProperty.equals("hs_object_id")) {
                throw HubSpotError.validation("Upsert inputs need an idProperty with unique values"
                        + (type == ObjectType.CONTACTS ? " (email or a hasUniqueValue property)" : ""));
            }
            store.checkIdProperty(type, idProperty);
            if (input.path("id").asText("").isEmpty()) {
                throw HubSpotError.validation("Upsert inputs need an id (the value of the idProperty)");
            }
        }
        rejectDuplicateIds(inputs.stream()
                .map(i -> i.path("idProperty").asText() + ":" + i.path("id").asText().toLowerCase()).toList());
        List<ObjectNode> errors = new ArrayList<>();
        List<Runnable> writes = new ArrayList<>();
        ArrayNode results = HubSpotJson.array();
        boolean byEmail = inputs.stream().anyMatch(i -> i.path("idProperty").asText().equals("email"));
        for (JsonNode input : inputs) {
            String idProperty = input.path("idProperty").asText();
            String id = input.path("id").asText();
            Optional<StoredObject> existing = store.find(type, id, idProperty, false);
            Map<String, String> values = new LinkedHashMap<>();
            ObjectNode properties = input.path("properties").isObject()
                    ? ((ObjectNode) input.path("properties")).deepCopy() : HubSpotJson.object();
            if (existing.isEmpty()) {
                properties.put(idProperty, id);
            }
            List<ObjectNode> problems = store.validate(type, properties, existing.orElse(null), values);
            if (problems.isEmpty() && existing.isEmpty() && CrmObjectEndpoints.lacksIdentity(type, values)) {
                problems.add(PropertyValues.valueError("A contact needs at least one of the properties email, firstname"
                        + " or lastname", "REQUIRED_PROPERTY", "email"));
            }
            if (!problems.isEmpty()) {
                if (byEmail) {
                    // D-CONTACTS: no partial upserts when email is the idProperty; the whole batch fails.
                    throw PropertyValues.invalidValues(problems);
                }
                errors.add(batchError("VALIDATION_ERROR", PropertyValues.invalidValues(problems).getMessage(), input));
                continue;
            }
            HubSpotError conflict = store.conflict(type, values, existing.map(r -> r.id).orElse(null));
            if (conflict != null) {
                throw conflict;
            }
            writes.add(() -> {
                StoredObject record;
                if (existing.isPresent()) {
                    record = existing.get();
                    store.update(type, record, values);
                } else {
                    record = store.create(type, values);
                }
                ObjectNode json = store.toJson(type, record, null, true);
                json.put("new", existing.isEmpty());
                results.add(json);
            });
        }
        writes.forEach(Runnable::run);
        return batchReply(errors.isEmpty() ? 200 : 207, results, errors, started);
    }

    Reply batchRead(HubSpotCall call, ObjectType type) {
        Instant started = store.now();
        JsonNode body = call.json();
        List<JsonNode> inputs = inputs(body);
        boolean archived = Boolean.parseBoolean(call.query("archived"));
        String idProperty = body.path("idProperty").asText(null);
        List<String> properties = new ArrayList<>();
        body.path("properties").forEach(p -> properties.add(p.asText()));
        List<String> missing = new ArrayList<>();
        ArrayNode results = HubSpotJson.array();
        Set<Long> returned = new HashSet<>();
        for (JsonNode input : inputs) {
            String id = input.path("id").asText("");
            Optional<StoredObject> record = idProperty == null && !archived ? store.followingMerges(type, id)
                    : store.find(type, id, idProperty, archived);
            if (record.isEmpty()) {
                missing.add(id);
            } else if (returned.add(record.get().id)) {
                results.add(store.toJson(type, record.get(), properties, false));
            }
        }
        List<ObjectNode> errors = missing.isEmpty() ? List.of() : List.of(notFoundError(type, missing));
        return batchReply(errors.isEmpty() ? 200 : 207, results, errors, started);
    }

    private static ObjectNode notFoundError(ObjectType type, List<String> ids) {
        ObjectNode error = HubSpotJson.object();
        error.put("status", "error");
        error.put("category", "OBJECT_NOT_FOUND");
        error.put("message", "Could not get some " + type.upper() + " objects, they may be deleted or not exist."
                + " Check that ids are valid.");
        error.putObject("context").set("ids", HubSpotJson.strings(ids));
        error.putArray("errors");
        error.putObject("links");
        return error;
    }

    /** One failed input of a 207; tied to its input through {@code context.objectWriteTraceId} (D-ERR). */
    private static ObjectNode batchError(String category, String message, JsonNode input) {
        ObjectNode error = HubSpotJson.object();
        error.put("status", "error");
        error.put("category", category);
        error.put("message", message);
        ObjectNode context = error.putObject("context");
        if (input.path("objectWriteTraceId").isTextual()) {
            context.set("objectWriteTraceId", HubSpotJson.strings(List.of(input.path("objectWriteTraceId").asText())));
        }
        if (input.path("id").isTextual()) {
            context.set("ids", HubSpotJson.strings(List.of(input.path("id").asText())));
        }
        error.putArray("errors");
        error.putObject("links");
        return error;
    }

    Reply batchReply(int status, ArrayNode results, List<ObjectNode> errors, Instant started) {
        ObjectNode body = HubSpotJson.object();
        body.put("status", "COMPLETE");
        body.set("results", results);
        if (!errors.isEmpty()) {
            body.put("numErrors", errors.size());
            ArrayNode array = body.putArray("errors");
            errors.forEach(array::add);
        }
        body.put("startedAt", HubSpotTime.format(started));
        body.put("completedAt", HubSpotTime.format(store.now()));
        return Reply.json(status, body);
    }
}
