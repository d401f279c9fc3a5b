package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.hubspot.CrmStore.StoredObject;
import io.leadsync.sandbox.hubspot.HubSpotAuth.AccessToken;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Associations v4 between contacts and companies, the only pair the portal serves. HubSpot keeps both directions
 * (279 contact to company, 280 company to contact), so a write from either side is visible from the other.
 */
final class AssociationsEndpoints {

    static final int BATCH_CREATE_LIMIT = 2000;
    static final int BATCH_READ_LIMIT = 1000;

    /** One pair, already resolved: the contact and company ids whatever the direction of the call. */
    private record Pair(String fromId, String toId, long contactId, long companyId) {
    }

    private final CrmStore store;
    private final CallCounter counter;

    AssociationsEndpoints(CrmStore store, CallCounter counter) {
        this.store = store;
        this.counter = counter;
    }

    Reply handle(HubSpotCall call, AccessToken token) {
        List<String> s = call.segments();
        String method = call.method();
        synchronized (store) {
            // /crm/v4/objects/{from}/{id}/associations/...
            if (s.size() >= 6 && s.get(2).equals("objects") && s.get(5).equals("associations")) {
                ObjectType from = HubSpotSandbox.objectType404(s.get(3));
                String id = s.get(4);
                if (s.size() == 9 && s.get(6).equals("default") && "PUT".equals(method)) {
                    counter.count("PUT /crm/v4/objects/{fromObjectType}/{id}/associations/default/{toObjectType}/{toId}");
                    ObjectType to = other(from, s.get(7));
                    CrmRouter.requireScope(token, from.writeScope());
                    Pair pair = resolve(from, id, to, s.get(8));
                    store.associate(pair.contactId(), pair.companyId());
                    return Reply.json(200, defaultBatch(from, List.of(pair), List.of(), store.now()));
                }
                if (s.size() == 8 && "PUT".equals(method)) {
                    counter.count("PUT /crm/v4/objects/{fromObjectType}/{id}/associations/{toObjectType}/{toId}");
                    ObjectType to = other(from, s.get(6));
                    CrmRouter.requireScope(token, from.writeScope());
                    checkTypes(from, call.json());
                    Pair pair = resolve(from, id, to, s.get(7));
                    store.associate(pair.contactId(), pair.companyId());
                    ObjectNode body = HubSpotJson.object();
                    body.put("fromObjectTypeId", from.typeId());
                    body.put("fromObjectId", Long.parseLong(pair.fromId()));
                    body.put("toObjectTypeId", to.typeId());
                    body.put("toObjectId", Long.parseLong(pair.toId()));
                    body.putArray("labels");
                    return Reply.json(201, body);
                }
                if (s.size() == 8 && "DELETE".equals(method)) {
                    counter.count("DELETE /crm/v4/objects/{fromObjectType}/{id}/associations/{toObjectType}/{toId}");
                    ObjectType to = other(from, s.get(6));
                    CrmRouter.requireScope(token, from.writeScope());
                    Pair pair = resolve(from, id, to, s.get(7));
                    store.dissociate(pair.contactId(), pair.companyId());
                    return Reply.empty(204);
                }
                if (s.size() == 7 && "GET".equals(method)) {
                    counter.count("GET /crm/v4/objects/{fromObjectType}/{id}/associations/{toObjectType}");
                    ObjectType to = other(from, s.get(6));
                    CrmRouter.requireScope(token, from.readScope(), from.writeScope());
                    StoredObject record = live(from, id);
                    ObjectNode body = HubSpotJson.object();
                    ArrayNode results = body.putArray("results");
                    store.associated(from, record.id).forEach(other -> results.add(toEntry(from, other)));
                    return Reply.json(200, body);
                }
            }
            // /crm/v4/associations/{from}/{to}/batch/...
            if (s.size() >= 7 && s.get(2).equals("associations") && s.get(5).equals("batch")
                    && "POST".equals(method)) {
                ObjectType from = HubSpotSandbox.objectType404(s.get(3));
                ObjectType to = other(from, s.get(4));
                String op = String.join("/", s.subList(6, s.size()));
                counter.count("POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/" + op);
                return batch(token, from, to, op, call.json());
            }
            throw HubSpotError.notFound();
        }
    }

    private Reply batch(AccessToken token, ObjectType from, ObjectType to, String op, JsonNode body) {
        Instant started = store.now();
        JsonNode inputs = body.path("inputs");
        if (!inputs.isArray()) {
            throw HubSpotError.validation("Invalid input JSON: \"inputs\" is required");
        }
        int limit = op.equals("read") ? BATCH_READ_LIMIT : BATCH_CREATE_LIMIT;
        if (inputs.size() > limit) {
            throw HubSpotError.validation("Too many inputs: " + inputs.size() + " (max " + limit + ")");
        }
        switch (op) {
            case "associate/default", "create" -> {
                CrmRouter.requireScope(token, from.writeScope());
                List<Pair> pairs = new ArrayList<>();
                List<String> missing = new ArrayList<>();
                for (JsonNode input : inputs) {
                    if (op.equals("create")) {
                        checkTypes(from, input.path("types"));
                    }
                    String fromId = input.path("from").path("id").asText("");
                    String toId = input.path("to").path("id").asText("");
                    try {
                        pairs.add(resolve(from, fromId, to, toId));
                    } catch (HubSpotError e) {
                        missing.add(fromId + "->" + toId);
                    }
                }
                pairs.forEach(p -> store.associate(p.contactId(), p.companyId()));
                List<ObjectNode> errors = missing.isEmpty() ? List.of() : List.of(error("OBJECT_NOT_FOUND", null,
                        "Could not find some " + from.upper() + " or " + to.upper() + " objects to associate: "
                                + missing, missing));
                if (op.equals("associate/default")) {
                    return Reply.json(errors.isEmpty() ? 200 : 207, defaultBatch(from, pairs, errors, started));
                }
                ArrayNode results = HubSpotJson.array();
                for (Pair pair : pairs) {
                    ObjectNode result = results.addObject();
                    result.put("fromObjectTypeId", from.typeId());
                    result.put("fromObjectId", Long.parseLong(pair.fromId()));
                    result.put("toObjectTypeId", to.typeId());
                    result.put("toObjectId", Long.parseLong(pair.toId()));
                    result.putArray("labels");
                }
                return Reply.json(errors.isEmpty() ? 201 : 207, batchBody(results, errors, started));
            }
            case "read" -> {
                CrmRouter.requireScope(token, from.readScope(), from.writeScope());
                ArrayNode results = HubSpotJson.array();
                List<ObjectNode> errors = new ArrayList<>();
                for (JsonNode input : inputs) {
                    String id = input.path("id").asText("");
                    List<Long> linked = store.byId(from, id).filter(r -> !r.archived())
                            .map(r -> store.associated(from, r.id)).orElse(List.of());
                    if (linked.isEmpty()) {
                        errors.add(error("OBJECT_NOT_FOUND", "crm.associations.NO_ASSOCIATIONS_FOUND",
                                "No " + to.upper() + " is associated with " + from.upper() + " " + id + ".",
                                List.of(id)));
                        continue;
                    }
                    ObjectNode result = results.addObject();
                    result.putObject("from").put("id", id);
                    ArrayNode toArray = result.putArray("to");
                    linked.forEach(other -> toArray.add(toEntry(from, other)));
                }
                return Reply.json(errors.isEmpty() ? 200 : 207, batchBody(results, errors, started));
            }
            case "archive" -> {
                CrmRouter.requireScope(token, from.writeScope());
                for (JsonNode input : inputs) {
                    String fromId = input.path("from").path("id").asText("");
                    for (JsonNode target : input.path("to")) {
                        String toId = target.path("id").asText("");
                        store.byId(from, fromId).ifPresent(a -> store.byId(to, toId).ifPresent(b -> {
                            if (from == ObjectType.CONTACTS) {
                                store.dissociate(a.id, b.id);
                            } else {
                                store.dissociate(b.id, a.id);
                            }
                        }));
                    }
                }
                return Reply.empty(204);
            }
            default -> throw HubSpotError.notFound();
        }
    }

    private static ObjectType other(ObjectType from, String name) {
        ObjectType to = HubSpotSandbox.objectType404(name);
        if (to == from) {
            throw HubSpotError.validation("Associations between " + from.upper() + " and " + to.upper()
                    + " are not supported by this portal");
        }
        return to;
    }

    private static int typeId(ObjectType from) {
        return from == ObjectType.CONTACTS ? CrmStore.ASSOC_CONTACT_TO_COMPANY : CrmStore.ASSOC_COMPANY_TO_CONTACT;
    }

    /** Only the unlabeled HUBSPOT_DEFINED type of the direction (279 or 280) exists in the seeded portal. */
    private static void checkTypes(ObjectType from, JsonNode types) {
        if (!types.isArray() || types.isEmpty()) {
            throw HubSpotError.validation("At least one association type is required");
        }
        for (JsonNode type : types) {
            if (!"HUBSPOT_DEFINED".equals(type.path("associationCategory").asText())
                    || type.path("associationTypeId").asInt() != typeId(from)) {
                throw HubSpotError.validation("Association type " + type.path("associationCategory").asText() + "/"
                        + type.path("associationTypeId").asText() + " is not valid from " + from.upper()
                        + "; use HUBSPOT_DEFINED/" + typeId(from));
            }
        }
    }

    private StoredObject live(ObjectType type, String id) {
        return store.byId(type, id).filter(r -> !r.archived()).orElseThrow(HubSpotError::notFound);
    }

    private Pair resolve(ObjectType from, String fromId, ObjectType to, String toId) {
        StoredObject a = live(from, fromId);
        StoredObject b = live(to, toId);
        return from == ObjectType.CONTACTS ? new Pair(fromId, toId, a.id, b.id) : new Pair(fromId, toId, b.id, a.id);
    }

    private static ObjectNode toEntry(ObjectType from, long other) {
        ObjectNode entry = HubSpotJson.object();
        entry.put("toObjectId", other);
        ObjectNode type = entry.putArray("associationTypes").addObject();
        type.put("category", "HUBSPOT_DEFINED");
        type.put("typeId", typeId(from));
        type.putNull("label");
        return entry;
    }

    /** The answer of a default association: both directions, each with its association spec. */
    private ObjectNode defaultBatch(ObjectType from, List<Pair> pairs, List<ObjectNode> errors, Instant started) {
        ArrayNode results = HubSpotJson.array();
        for (Pair pair : pairs) {
            results.add(defaultResult(pair.fromId(), pair.toId(), typeId(from)));
            results.add(defaultResult(pair.toId(), pair.fromId(), typeId(from) == CrmStore.ASSOC_CONTACT_TO_COMPANY
                    ? CrmStore.ASSOC_COMPANY_TO_CONTACT : CrmStore.ASSOC_CONTACT_TO_COMPANY));
        }
        return batchBody(results, errors, started);
    }

    private static ObjectNode defaultResult(String fromId, String toId, int typeId) {
        ObjectNode result = HubSpotJson.object();
        result.putObject("from").put("id", fromId);
        result.putObject("to").put("id", toId);
        ObjectNode spec = result.putObject("associationSpec");
        spec.put("associationCategory", "HUBSPOT_DEFINED");
        spec.put("associationTypeId", typeId);
        return result;
    }

    private ObjectNode batchBody(ArrayNode results, List<ObjectNode> errors, Instant started) {
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
        return body;
    }

    private static ObjectNode error(String category, String subCategory, String message, List<String> ids) {
        ObjectNode error = HubSpotJson.object();
        error.put("status", "error");
        error.put("category", category);
        if (subCategory != null) {
            error.put("subCategory", subCategory);
        }
        error.put("message", message);
        error.putObject("context").set("ids", HubSpotJson.strings(ids));
        error.putArray("errors");
        error.putObject("links");
        return error;
    }
}
