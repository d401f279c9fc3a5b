package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.hubspot.CrmStore.StoredObject;
import io.leadsync.sandbox.hubspot.HubSpotAuth.AccessToken;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CRM v3 objects: create, read, update, archive, list and the batch calls. Each call runs under the store's lock,
 * so the uniqueness check and the write it guards cannot interleave with another call.
 */
final class CrmObjectEndpoints {

    static final int BATCH_LIMIT = 100;
    static final int LIST_LIMIT = 100;

    private final CrmStore store;
    private final CallCounter counter;

    CrmObjectEndpoints(CrmStore store, CallCounter counter) {
        this.store = store;
        this.counter = counter;
    }

    Reply handle(HubSpotCall call, AccessToken token, ObjectType type) {
        List<String> s = call.segments();
        String method = call.method();
        String base = "/crm/v3/objects/" + type.plural();
        synchronized (store) {
            if (s.size() == 4 && "GET".equals(method)) {
                counter.count("GET " + base);
                CrmRouter.requireScope(token, type.readScope(), type.writeScope());
                return list(call, type);
            }
            if (s.size() == 4 && "POST".equals(method)) {
                counter.count("POST " + base);
                CrmRouter.requireScope(token, type.writeScope());
                return Reply.json(201, create(type, call.json()));
            }
            if (s.size() == 5 && s.get(4).equals("merge") && "POST".equals(method)) {
                counter.count("POST " + base + "/merge");
                CrmRouter.requireScope(token, type.writeScope());
                JsonNode body = call.json();
                return Reply.json(200, merge(type, body.path("primaryObjectId").asText(""),
                        body.path("objectIdToMerge").asText("")));
            }
            if (s.size() == 5 && s.get(4).equals("gdpr-delete") && "POST".equals(method)
                    && type == ObjectType.CONTACTS) {
                counter.count("POST " + base + "/gdpr-delete");
                CrmRouter.requireScope(token, type.writeScope());
                JsonNode body = call.json();
                StoredObject record = store.find(type, body.path("objectId").asText(""),
                        body.path("idProperty").asText(null), false).orElseThrow(HubSpotError::notFound);
                store.remove(type, record);
                return Reply.empty(204);
            }
            if (s.size() == 5 && !s.get(4).equals("batch")) {
                String id = s.get(4);
                switch (method) {
                    case "GET":
                        counter.count("GET " + base + "/{id}");
                        CrmRouter.requireScope(token, type.readScope(), type.writeScope());
                        return Reply.json(200, read(call, type, id));
                    case "PATCH":
                        counter.count("PATCH " + base + "/{id}");
                        CrmRouter.requireScope(token, type.writeScope());
                        return Reply.json(200, update(type, id, call.query("idProperty"), call.json()));
                    case "DELETE":
                        counter.count("DELETE " + base + "/{id}");
                        CrmRouter.requireScope(token, type.writeScope());
                        store.byId(type, id).ifPresent(store::archive);
                        return Reply.empty(204);
                    default:
                        throw HubSpotError.notFound();
                }
            }
            if (s.size() == 6 && s.get(4).equals("batch") && "POST".equals(method)) {
                String op = s.get(5);
                counter.count("POST " + base + "/batch/" + op);
                switch (op) {
                    case "create":
                        CrmRouter.requireScope(token, type.writeScope());
                        return batchCreate(type, inputs(call.json()));
                    case "update":
                        CrmRouter.requireScope(token, type.writeScope());
                        return batchUpdate(type, inputs(call.json()));
                    case "upsert":
                        CrmRouter.requireScope(token, type.writeScope());
                        return batchUpsert(type, inputs(call.json()));
                    case "read":
                        CrmRouter.requireScope(token, type.readScope(), type.writeScope());
                        return batchRead(call, type);
                    case "archive":
                        CrmRouter.requireScope(token, type.writeScope());
                        for (JsonNode input : inputs(call.json())) {
                            store.byId(type, input.path("id").asText(null)).ifPresent(store::archive);
                        }
                        return Reply.empty(204);
                    default:
                        throw HubSpotError.notFound();
                }
            }
            throw HubSpotError.notFound();
        }
    }

    // ---- single-object calls -------------------------------------------------------------------------------

    private Reply list(HubSpotCall call, ObjectType type) {
        int limit = intParam(call.query("limit"), 10, "limit");
        if (limit < 1 || limit > LIST_LIMIT) {
            throw HubSpotError.validation("limit must be between 1 and " + LIST_LIMIT + "; got " + limit);
        }
        boolean archived = Boolean.parseBoolean(call.query("archived"));
        long after = call.query("after") == null ? 0 : intParam(call.query("after"), 0, "after");
        List<String> properties = csv(call.query("properties"));
        List<StoredObject> matching = store.all(type).stream()
                .filter(r -> r.archived() == archived && r.id >= after).toList();
        ObjectNode body = HubSpotJson.object();
        ArrayNode results = body.putArray("results");
        List<String> associations = csv(call.query("associations"));
        matching.stream().limit(limit).forEach(r -> results.add(withAssociations(type,
                store.toJson(type, r, properties, false), r, associations)));
        if (matching.size() > limit) {
            String next = Long.toString(matching.get(limit).id);
            ObjectNode paging = body.putObject("paging").putObject("next");
            paging.put("after", next);
            paging.put("link", "?after=" + next);
        }
        return Reply.json(200, body);
    }

    ObjectNode create(ObjectType type, JsonNode body) {
        JsonNode properties = body.path("properties");
        if (!properties.isObject()) {
            throw HubSpotError.validation("Invalid input JSON: \"properties\" is required");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<ObjectNode> errors = store.validate(type, properties, null, values);
        if (!errors.isEmpty()) {
            throw PropertyValues.invalidValues(errors);
        }
        requireIdentity(type, values);
        HubSpotError conflict = store.conflict(type, values, null);
        if (conflict != null) {
            throw conflict;
        }
        List<Long> associated = inlineAssociations(type, body.path("associations"));
        StoredObject record = store.create(type, values);
        associated.forEach(other -> associate(type, record.id, other));
        return store.toJson(type, record, null, true);
    }

    /** D-CONTACTS: a contact needs at least one of email, firstname, lastname (the message is UNCONFIRMED). */
    private static void requireIdentity(ObjectType type, Map<String, String> values) {
        if (lacksIdentity(type, values)) {
            throw HubSpotError.validation("A contact needs at least one of the properties email, firstname or"
                    + " lastname");
        }
    }

    private static boolean lacksIdentity(ObjectType type, Map<String, String> values) {
        return type == ObjectType.CONTACTS && List.of("email", "firstname", "lastname").stream()
                .allMatch(name -> values.getOrDefault(name, "").isEmpty());
    }

    private List<Long> inlineAssociations(ObjectType type, JsonNode associations) {
        List<Long> ids = new ArrayList<>();
        if (associations.isMissingNode() || associations.isNull()) {
            return ids;
        }
        ObjectType other = type == ObjectType.CONTACTS ? ObjectType.COMPANIES : ObjectType.CONTACTS;
        int typeId = type == ObjectType.CONTACTS ? CrmStore.ASSOC_CONTACT_TO_COMPANY
                : CrmStore.ASSOC_COMPANY_TO_CONTACT;
        for (JsonNode association : associations) {
            String to = association.path("to").path("id").asText("");
            for (JsonNode spec : association.path("types")) {
                if (!"HUBSPOT_DEFINED".equals(spec.path("associationCategory").asText())
                        || spec.path("associationTypeId").asInt() != typeId) {
                    throw HubSpotError.validation("association type " + spec.path("associationCategory").asText()
                            + "/" + spec.path("associationTypeId").asText() + " is not valid from "
                            + type.upper() + " to " + other.upper());
                }
            }
            StoredObject target = store.byId(other, to).filter(r -> !r.archived())
                    .orElseThrow(() -> HubSpotError.validation("Could not find " + other.upper()
                            + " with id " + to + " to associate"));
            ids.add(target.id);
        }
        return ids;
    }

    private void associate(ObjectType type, long id, long other) {
        if (type == ObjectType.CONTACTS) {
            store.associate(id, other);
        } else {
            store.associate(other, id);
        }
    }

    private ObjectNode read(HubSpotCall call, ObjectType type, String id) {
        boolean archived = Boolean.parseBoolean(call.query("archived"));
        String idProperty = call.query("idProperty");
        // A read by a merged-away id answers the record it became; writes to that id are not followed (404).
        StoredObject record = (idProperty == null && !archived ? store.followingMerges(type, id)
                : store.find(type, id, idProperty, archived)).orElseThrow(HubSpotError::notFound);
        return withAssociations(type, store.toJson(type, record, csv(call.query("properties")), false), record,
                csv(call.query("associations")));
    }

    /**
     * {@code ?associations=companies} on a read: the associated ids under {@code associations.<type>.results}, with
     * the unlabeled type name of 279/280. An empty association is left out, as HubSpot does.
     */
    private ObjectNode withAssociations(ObjectType type, ObjectNode json, StoredObject record, List<String> wanted) {
        for (String name : wanted) {
            Optional<ObjectType> other = ObjectType.parse(name).filter(t -> t != type);
            if (other.isEmpty()) {
                continue;
            }
            List<Long> ids = store.associated(type, record.id);
            if (ids.isEmpty()) {
                continue;
            }
            String label = type == ObjectType.CONTACTS ? "contact_to_company_unlabeled" : "company_to_contact_unlabeled";
            ArrayNode results = json.with("associations").putObject(other.get().plural()).putArray("results");
            ids.forEach(id -> {
                ObjectNode entry = results.addObject();
                entry.put("id", Long.toString(id));
                entry.put("type", label);
            });
        }
        return json;
    }

    ObjectNode update(ObjectType type, String id, String idProperty, JsonNode body) {
        StoredObject record = store.find(type, id, idProperty, false).orElseThrow(HubSpotError::notFound);
        Map<String, String> values = new LinkedHashMap<>();
        List<ObjectNode> errors = store.validate(type, body.path("properties"), record, values);
        if (!errors.isEmpty()) {
            throw PropertyValues.invalidValues(errors);
        }
        HubSpotError conflict = store.conflict(type, values, record.id);
        if (conflict != null) {
            throw conflict;
        }
        store.update(type, record, values);
        return store.toJson(type, record, null, true);
    }

    ObjectNode merge(ObjectType type, String primaryId, String mergedId) {
        synchronized (store) {
            if (primaryId.equals(mergedId)) {
                throw HubSpotError.validation("Cannot merge a " + type.upper() + " with itself: " + primaryId);
            }
            StoredObject primary = store.byId(type, primaryId).filter(r -> !r.archived())
                    .orElseThrow(HubSpotError::notFound);
            StoredObject merged = store.byId(type, mergedId).filter(r -> !r.archived())
                    .orElseThrow(HubSpotError::notFound);
            return store.toJson(type, store.merge(type, primary, merged), null, true);
        }
    }

    /** A rep's new record in the UI: the same checks as an API create. */
    ObjectNode createAsRep(ObjectType type, JsonNode properties) {
        synchronized (store) {
            ObjectNode body = HubSpotJson.object();
            body.set("properties", properties);
            return create(type, body);
        }
    }

    /** A rep deletes a record in the UI: it goes to the recycle bin (archived), like an API DELETE. */
    void archiveAsRep(ObjectType type, String id) {
        synchronized (store) {
            store.archive(store.byId(type, id).filter(r -> !r.archived()).orElseThrow(HubSpotError::notFound));
        }
    }

    /** A rep's edit in the UI: the same checks as PATCH, any property a user may write. */
    ObjectNode editAsRep(ObjectType type, String id, JsonNode properties) {
        synchronized (store) {
            ObjectNode body = HubSpotJson.object();
            body.set("properties", properties);
            return update(type, id, null, body);
        }
    }

    // ---- batch calls ---------------------------------------------------------------------------------------

    private static List<JsonNode> inputs(JsonNode body) {
        JsonNode inputs = body.path("inputs");
        if (!inputs.isArray()) {
            throw HubSpotError.validation("Invalid input JSON: \"inputs\" is required");
        }
        if (inputs.size() > BATCH_LIMIT) {
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

    private Reply batchCreate(ObjectType type, List<JsonNode> inputs) {
        Instant started = store.now();
        List<Map<String, String>> valid = new ArrayList<>();
        List<JsonNode> validInputs = new ArrayList<>();
        List<ObjectNode> errors = new ArrayList<>();
        Map<String, String> seenUnique = new LinkedHashMap<>();
        for (JsonNode input : inputs) {
            Map<String, String> values = new LinkedHashMap<>();
            List<ObjectNode> problems = store.validate(type, input.path("properties"), null, values);
            if (problems.isEmpty() && lacksIdentity(type, values)) {
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

    private Reply batchUpdate(ObjectType type, List<JsonNode> inputs) {
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

    private Reply batchUpsert(ObjectType type, List<JsonNode> inputs) {
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
            if (problems.isEmpty() && existing.isEmpty() && lacksIdentity(type, values)) {
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

    private Reply batchRead(HubSpotCall call, ObjectType type) {
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

    private Reply batchReply(int status, ArrayNode results, List<ObjectNode> errors, Instant started) {
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

    static List<String> csv(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static int intParam(String value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw HubSpotError.validation("Invalid " + name + ": " + value);
        }
    }
}
