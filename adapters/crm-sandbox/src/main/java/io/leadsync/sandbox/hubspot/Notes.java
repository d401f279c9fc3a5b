package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The portal's notes (engagements). Guarded by the {@link CrmStore} that holds them. */
final class Notes {

    /** Notes by id, each {@code {id, properties, createdAt, updatedAt, contactIds, companyIds}}. */
    private final Map<String, ObjectNode> notes = new LinkedHashMap<>();

    void clear() {
        notes.clear();
    }

    /** A note with its associations, already checked by the endpoint. */
    ObjectNode create(String id, String now, JsonNode properties, List<Long> contactIds, List<Long> companyIds) {
        ObjectNode note = HubSpotJson.object();
        note.put("id", id);
        ObjectNode values = note.putObject("properties");
        values.put("hs_createdate", now);
        values.put("hs_lastmodifieddate", now);
        values.put("hs_note_body", properties.path("hs_note_body").asText(""));
        values.put("hs_object_id", id);
        values.put("hs_timestamp", properties.path("hs_timestamp").asText());
        properties.fields().forEachRemaining(field -> {
            if (!values.has(field.getKey())) {
                values.put(field.getKey(), field.getValue().asText());
            }
        });
        note.put("createdAt", now);
        note.put("updatedAt", now);
        contactIds.forEach(note.putArray("contactIds")::add);
        companyIds.forEach(note.putArray("companyIds")::add);
        if (!note.has("contactIds")) {
            note.putArray("contactIds");
        }
        notes.put(id, note);
        return note.deepCopy();
    }

    Optional<ObjectNode> get(String id) {
        return Optional.ofNullable(notes.get(id)).map(ObjectNode::deepCopy);
    }

    List<ObjectNode> all() {
        return notes.values().stream().map(ObjectNode::deepCopy).toList();
    }
}
