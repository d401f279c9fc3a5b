package io.leadsync.application.port.in.capture;

import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.lead.LeadStatus;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent's action on a lead, routed to chosen CRMs (ADR 0020).
 *
 * @param write    how: capture (create or update), patch (update an existing lead), or status (move it)
 * @param values   for capture and patch: raw values by field; absent stays, null clears
 * @param status   for a status change: the new status
 * @param targets  the connection ids the request named, verbatim (checked by the use case); empty: the rules decide
 * @param dryRun   answer what would be written and sent, and write and send nothing
 */
public record LeadActionCommand(WorkspaceId workspaceId, String actor, Write write, LeadId leadId,
                                Map<LeadField, String> values, Optional<LeadStatus> status, List<String> targets,
                                boolean dryRun) {
    public enum Write {
        CAPTURE, PATCH, STATUS;

        public AgentAction action() {
            return this == STATUS ? AgentAction.CHANGE_STATUS : AgentAction.UPSERT_LEAD;
        }
    }

    public LeadActionCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(leadId, "leadId");
        values = Collections.unmodifiableMap(new HashMap<>(values));
        Objects.requireNonNull(status, "status");
        targets = List.copyOf(targets);
        if (write == Write.STATUS && status.isEmpty()) {
            throw new IllegalArgumentException("a status change names the status");
        }
    }
}
