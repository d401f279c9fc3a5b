package io.leadsync.application.port.in;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;

/** Where a lead lives in each connected CRM, for the lead's page: the record, when it was last synced. */
public interface LeadLinksUseCase {
    /** The lead's record in each connection of the workspace that has one; none of another workspace's. */
    List<LeadLink> links(WorkspaceId workspaceId, LeadId leadId);

    /** One lead's record in one connection. */
    record LeadLink(ConnectionId connectionId, String crmRecordId, Instant lastSyncedAt, boolean deletedInCrm) {
    }
}
