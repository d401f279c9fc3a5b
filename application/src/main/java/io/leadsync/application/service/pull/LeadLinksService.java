package io.leadsync.application.service.pull;

import io.leadsync.application.port.in.pull.LeadLinksUseCase;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;

/** Reads a lead's CRM links, within its workspace. */
public final class LeadLinksService implements LeadLinksUseCase {
    private final CrmLinkRepository links;

    public LeadLinksService(CrmLinkRepository links) {
        this.links = links;
    }

    @Override
    public List<LeadLink> links(WorkspaceId workspaceId, LeadId leadId) {
        return links.forLead(workspaceId, leadId).stream()
                .map(link -> new LeadLink(link.connectionId(), link.crmRecordId(), link.lastSyncedAt(),
                        link.deletedInCrm(), link.conversion()))
                .toList();
    }
}
