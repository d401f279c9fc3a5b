package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.hubspot.HubSpotAuth.AccessToken;
import io.leadsync.sandbox.hubspot.HubSpotCall.Reply;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Notes, the engagement an integration logs on a contact: {@code POST /crm/v3/objects/notes} with {@code hs_timestamp}
 * (required), {@code hs_note_body} and inline associations (to a contact: HUBSPOT_DEFINED type 202, to a company:
 * 190), and {@code GET /crm/v3/objects/notes/{id}?associations=contacts}. Writing needs the contacts write scope,
 * reading the contacts read scope (HubSpot grants notes through the objects they hang on).
 */
final class NotesEndpoint {
    static final int NOTE_TO_CONTACT = 202;
    static final int NOTE_TO_COMPANY = 190;
    private static final int MAX_BODY = 65_536;

    private final CrmStore store;
    private final CallCounter counter;

    NotesEndpoint(CrmStore store, CallCounter counter) {
        this.store = store;
        this.counter = counter;
    }

    Reply handle(HubSpotCall call, AccessToken token, List<String> segments) {
        if (segments.size() == 4 && "POST".equals(call.method())) {
            counter.count("POST /crm/v3/objects/notes");
            CrmRouter.requireScope(token, "crm.objects.contacts.write");
            return Reply.json(201, create(call.json()));
        }
        if (segments.size() == 5 && "GET".equals(call.method())) {
            counter.count("GET /crm/v3/objects/notes/{noteId}");
            CrmRouter.requireScope(token, "crm.objects.contacts.read");
            ObjectNode note = store.note(segments.get(4)).orElseThrow(HubSpotError::notFound);
            String associations = call.query("associations");
            return Reply.json(200, render(note, associations != null && associations.contains("contact")));
        }
        throw HubSpotError.notFound();
    }

    private ObjectNode create(JsonNode body) {
        JsonNode properties = body.path("properties");
        if (!properties.isObject()) {
            throw HubSpotError.validation("Invalid input JSON: \"properties\" is required");
        }
        String timestamp = properties.path("hs_timestamp").asText("");
        if (timestamp.isEmpty()) {
            throw HubSpotError.validation("Property values were not valid: [{\"isValid\":false,\"message\":"
                    + "\"hs_timestamp is required\",\"error\":\"REQUIRED_FIELD\",\"name\":\"hs_timestamp\"}]");
        }
        try {
            Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            if (!timestamp.matches("\\d{1,15}")) {
                throw HubSpotError.validation("Property values were not valid: [{\"isValid\":false,\"message\":"
                        + "\"" + timestamp + " is not a valid datetime\",\"error\":\"INVALID_DATETIME\","
                        + "\"name\":\"hs_timestamp\"}]");
            }
        }
        if (properties.path("hs_note_body").asText("").length() > MAX_BODY) {
            throw HubSpotError.validation("Property values were not valid: hs_note_body is too long");
        }
        List<Long> contacts = new ArrayList<>();
        List<Long> companies = new ArrayList<>();
        for (JsonNode association : body.path("associations")) {
            String to = association.path("to").path("id").asText("");
            for (JsonNode spec : association.path("types")) {
                int typeId = spec.path("associationTypeId").asInt();
                ObjectType other = typeId == NOTE_TO_CONTACT ? ObjectType.CONTACTS
                        : typeId == NOTE_TO_COMPANY ? ObjectType.COMPANIES : null;
                if (!"HUBSPOT_DEFINED".equals(spec.path("associationCategory").asText()) || other == null) {
                    throw HubSpotError.validation("association type " + spec.path("associationCategory").asText()
                            + "/" + spec.path("associationTypeId").asText() + " is not valid from NOTE");
                }
                long id = store.byId(other, to).filter(r -> !r.archived())
                        .orElseThrow(() -> HubSpotError.validation("Could not find " + other.upper() + " with id "
                                + to + " to associate")).id;
                (other == ObjectType.CONTACTS ? contacts : companies).add(id);
            }
        }
        ObjectNode note = store.createNote(properties, contacts, companies);
        return render(note, false);
    }

    /** As HubSpot answers: id, properties, createdAt, updatedAt, archived; associations when asked for. */
    static ObjectNode render(ObjectNode note, boolean withContacts) {
        ObjectNode json = HubSpotJson.object();
        json.put("id", note.get("id").asText());
        json.set("properties", note.get("properties").deepCopy());
        json.put("createdAt", note.get("createdAt").asText());
        json.put("updatedAt", note.get("updatedAt").asText());
        json.put("archived", false);
        if (withContacts) {
            ArrayNode results = json.putObject("associations").putObject("contacts").putArray("results");
            note.get("contactIds").forEach(id -> results.addObject().put("id", id.asText())
                    .put("type", "note_to_contact"));
        }
        return json;
    }
}
