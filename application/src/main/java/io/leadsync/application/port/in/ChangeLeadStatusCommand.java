package io.leadsync.application.port.in;

import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.lead.LeadStatus;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;

/** Moves a lead to another status. */
public record ChangeLeadStatusCommand(WorkspaceId workspaceId, LeadId leadId, LeadStatus status, String actor) {
    public ChangeLeadStatusCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(actor, "actor");
    }
}
