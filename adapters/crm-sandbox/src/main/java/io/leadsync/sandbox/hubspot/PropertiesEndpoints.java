package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.hubspot.HubSpotAuth.AccessToken;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;
import java.util.List;

/**
 * The Properties API for an object type: properties and property groups. Creating either needs the schema write
 * scope AND a user with the "Edit property settings" permission: a rep's token with every scope still gets 403.
 */
final class PropertiesEndpoints {

    private final CrmStore store;
    private final CallCounter counter;

    PropertiesEndpoints(CrmStore store, CallCounter counter) {
        this.store = store;
        this.counter = counter;
    }

    Reply handle(HubSpotCall call, AccessToken token, ObjectType type) {
        List<String> s = call.segments();
        String method = call.method();
        String base = "/crm/v3/properties/" + type.plural();
        boolean groups = s.size() >= 5 && s.get(4).equals("groups");
        synchronized (store) {
            if (!groups && s.size() == 4 && "GET".equals(method)) {
                counter.count("GET " + base);
                requireRead(token, type);
                ObjectNode body = HubSpotJson.object();
                ArrayNode results = body.putArray("results");
                boolean archived = Boolean.parseBoolean(call.query("archived"));
                if (archived) {
                    store.archivedProperties(type).forEach(p -> results.add(p.toJson(true)));
                } else {
                    store.properties(type).forEach(p -> results.add(p.toJson()));
                }
                return Reply.json(200, body);
            }
            if (!groups && s.size() == 4 && "POST".equals(method)) {
                counter.count("POST " + base);
                requireWrite(token, type, "properties");
                return Reply.json(201, store.createProperty(type, call.json()).toJson());
            }
            if (!groups && s.size() == 5 && "GET".equals(method)) {
                counter.count("GET " + base + "/{propertyName}");
                requireRead(token, type);
                return Reply.json(200, store.property(type, s.get(4)).orElseThrow(HubSpotError::notFound).toJson());
            }
            if (!groups && s.size() == 5 && "PATCH".equals(method)) {
                counter.count("PATCH " + base + "/{propertyName}");
                requireWrite(token, type, "properties");
                return Reply.json(200, store.updateProperty(type, s.get(4), call.json()).toJson());
            }
            if (!groups && s.size() == 5 && "DELETE".equals(method)) {
                counter.count("DELETE " + base + "/{propertyName}");
                requireWrite(token, type, "properties");
                store.archiveProperty(type, s.get(4));
                return Reply.empty(204);
            }
            if (groups && s.size() == 5 && "GET".equals(method)) {
                counter.count("GET " + base + "/groups");
                requireRead(token, type);
                ObjectNode body = HubSpotJson.object();
                ArrayNode results = body.putArray("results");
                store.groups(type).forEach(results::add);
                return Reply.json(200, body);
            }
            if (groups && s.size() == 5 && "POST".equals(method)) {
                counter.count("POST " + base + "/groups");
                requireWrite(token, type, "property groups");
                return Reply.json(201, store.createGroup(type, call.json()));
            }
            if (groups && s.size() == 6 && "GET".equals(method)) {
                counter.count("GET " + base + "/groups/{groupName}");
                requireRead(token, type);
                return Reply.json(200, store.groups(type).stream()
                        .filter(g -> g.path("name").asText().equals(s.get(5))).findFirst()
                        .orElseThrow(HubSpotError::notFound));
            }
            throw HubSpotError.notFound();
        }
    }

    private static void requireRead(AccessToken token, ObjectType type) {
        CrmRouter.requireScope(token, type.schemaReadScope(), type.schemaWriteScope(), type.readScope(),
                type.writeScope());
    }

    private static void requireWrite(AccessToken token, ObjectType type, String what) {
        CrmRouter.requireScope(token, type.schemaWriteScope());
        if (!token.user().propertySettings()) {
            // The category for a missing user permission is UNCONFIRMED (digest section 6); 403 is what matters.
            throw HubSpotError.of(403, "MISSING_SCOPES", "The user " + token.user().email() + " does not have"
                    + " permission to change " + what + " (Edit property settings is required).");
        }
    }
}
