package io.leadsync.application.port.in.pull;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;

/** Where a lead lives in each connected CRM, for the lead's page: the record, when it was last synced. */
public interface LeadLinksUseCase {
    /** The lead's record in each connection of the workspace that has one; none of another workspace's. */
    List<LeadLink> links(WorkspaceId workspaceId, LeadId leadId);

    /**
     * One lead's record in one connection; {@code conversion} is present when a rep converted the lead's record (the
     * record is then the Contact).
     */
    record LeadLink(ConnectionId connectionId, String crmRecordId, Instant lastSyncedAt, boolean deletedInCrm,
                    java.util.Optional<io.leadsync.domain.crm.CrmConversion> conversion) {
        public LeadLink(ConnectionId connectionId, String crmRecordId, Instant lastSyncedAt, boolean deletedInCrm) {
            this(connectionId, crmRecordId, lastSyncedAt, deletedInCrm, java.util.Optional.empty());
        }
    }
}
