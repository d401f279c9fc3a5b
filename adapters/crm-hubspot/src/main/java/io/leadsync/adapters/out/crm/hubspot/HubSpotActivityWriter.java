package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.CrmActivityWriter;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.Activity;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An activity as a HubSpot note on the contact: {@code POST /crm/v3/objects/notes} with {@code hs_timestamp} (when it
 * happened), {@code hs_note_body} (its kind, subject and body, as the timeline shows notes as text) and an inline
 * association to the contact (HubSpot-defined type 202, note to contact).
 */
@Singleton
@Requires(beans = HubSpotSettings.class)
final class HubSpotActivityWriter implements CrmActivityWriter {
    static final String NOTES_PATH = "/crm/v3/objects/notes";
    static final int NOTE_TO_CONTACT = 202;

    private final HubSpotHttp http;

    HubSpotActivityWriter(HubSpotHttp http) {
        this.http = http;
    }

    @Override
    public CrmKind kind() {
        return CrmKind.HUBSPOT;
    }

    @Override
    public String write(CrmSession session, Activity activity, String leadRecordId) {
        HubSpotHttp.Response response = http.postJson(http.api(NOTES_PATH), session.tokens().accessToken(),
                toPayload(activity, leadRecordId));
        if (!response.ok()) {
            throw HubSpotErrors.failure(response, "HubSpot refused the note");
        }
        return HubSpotHttp.text(response.body(), "id")
                .orElseThrow(() -> HubSpotErrors.failure(response, "HubSpot answered a note without an id"));
    }

    static Map<String, Object> toPayload(Activity activity, String contactId) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("hs_timestamp", activity.occurredAt().toString());
        properties.put("hs_note_body", noteBody(activity));
        Map<String, Object> association = new LinkedHashMap<>();
        association.put("to", Map.of("id", contactId));
        association.put("types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED",
                "associationTypeId", NOTE_TO_CONTACT)));
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("properties", properties);
        note.put("associations", List.of(association));
        return note;
    }

    /** "Email: Intro to Acme" and the body on the next lines; HubSpot renders the note body as HTML. */
    static String noteBody(Activity activity) {
        String kind = switch (activity.type()) {
            case EMAIL -> "Email";
            case CALL -> "Call";
            case MEETING -> "Meeting";
        };
        Optional<String> body = activity.body().map(HubSpotActivityWriter::html);
        return "<p><strong>" + kind + ": " + html(activity.subject()) + "</strong></p>"
                + body.map(text -> "<p>" + text.replace("\n", "<br>") + "</p>").orElse("");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
