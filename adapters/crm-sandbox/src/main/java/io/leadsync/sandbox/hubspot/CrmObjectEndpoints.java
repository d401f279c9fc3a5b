package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.hubspot.CrmStore.StoredObject;
import io.leadsync.sandbox.hubspot.HubSpotAuth.AccessToken;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CRM v3 objects: create, read, update, archive, list and the batch calls. Each call runs under the store's lock,
 * so the uniqueness check and the write it guards cannot interleave with another call.
 */
final class CrmObjectEndpoints {

    static final int BATCH_LIMIT = 100;
    static final int LIST_LIMIT = 100;

    private final CrmStore store;
    private final CallCounter counter;
    private final BatchObjectEndpoints batches;

    CrmObjectEndpoints(CrmStore store, CallCounter counter) {
        this.store = store;
        this.counter = counter;
        this.batches = new BatchObjectEndpoints(store);
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
                        return batches.batchCreate(type, BatchObjectEndpoints.inputs(call.json()));
                    case "update":
                        CrmRouter.requireScope(token, type.writeScope());
                        return batches.batchUpdate(type, BatchObjectEndpoints.inputs(call.json()));
                    case "upsert":
                        CrmRouter.requireScope(token, type.writeScope());
                        return batches.batchUpsert(type, BatchObjectEndpoints.inputs(call.json()));
                    case "read":
                        CrmRouter.requireScope(token, type.readScope(), type.writeScope());
                        return batches.batchRead(call, type);
                    case "archive":
                        CrmRouter.requireScope(token, type.writeScope());
                        for (JsonNode input : BatchObjectEndpoints.inputs(call.json())) {
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

    static boolean lacksIdentity(ObjectType type, Map<String, String> values) {
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
