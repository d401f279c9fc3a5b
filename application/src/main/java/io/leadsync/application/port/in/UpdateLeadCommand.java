package io.leadsync.application.port.in;

import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** Changes some fields of an existing lead; absent fields stay, null clears. */
public record UpdateLeadCommand(WorkspaceId workspaceId, LeadId leadId, Map<LeadField, String> values, String actor) {
    public UpdateLeadCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(actor, "actor");
        EnumMap<LeadField, String> copy = new EnumMap<>(LeadField.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }
}
