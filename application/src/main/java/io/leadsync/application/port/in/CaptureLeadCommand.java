package io.leadsync.application.port.in;

import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * An agent found or re-found a lead: create it, or update it by the product's lead id.
 *
 * @param values raw values by field; a field absent stays as it is, a null value clears it
 * @param actor  who asks, for the history (for example "api-key:lsk_abc12345")
 */
public record CaptureLeadCommand(WorkspaceId workspaceId, LeadId leadId, Map<LeadField, String> values, String actor) {
    public CaptureLeadCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(actor, "actor");
        EnumMap<LeadField, String> copy = new EnumMap<>(LeadField.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }
}
