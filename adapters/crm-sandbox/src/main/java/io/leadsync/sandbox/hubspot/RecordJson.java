package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** A record as the v3 API shows it: the properties asked for (null when unset) or the object's defaults. */
final class RecordJson {

    private RecordJson() {
    }

    static ObjectNode of(CrmStore.Schema schema, ObjectType type, CrmStore.StoredObject record,
            Map<String, String> values, Collection<String> requested, boolean everything) {
        ObjectNode body = HubSpotJson.object();
        body.put("id", Long.toString(record.id));
        ObjectNode properties = body.putObject("properties");
        if (everything) {
            values.forEach(properties::put);
        } else {
            Set<String> names = new java.util.TreeSet<>(requested == null || requested.isEmpty()
                    ? type.defaultProperties() : requested);
            names.add("hs_object_id");
            names.add("createdate");
            names.add(type.lastModifiedProperty());
            for (String name : names) {
                if (schema.properties.containsKey(name)) {
                    properties.put(name, values.get(name));
                }
            }
        }
        body.put("createdAt", HubSpotTime.format(record.createdAt));
        body.put("updatedAt", HubSpotTime.format(record.updatedAt));
        body.put("archived", record.archived());
        if (record.archived()) {
            body.put("archivedAt", HubSpotTime.format(record.archivedAt));
        }
        return body;
    }
}
