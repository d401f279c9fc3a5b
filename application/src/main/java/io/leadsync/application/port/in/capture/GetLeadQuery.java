package io.leadsync.application.port.in.capture;

import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;

public record GetLeadQuery(WorkspaceId workspaceId, LeadId leadId) {
    public GetLeadQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(leadId, "leadId");
    }
}
