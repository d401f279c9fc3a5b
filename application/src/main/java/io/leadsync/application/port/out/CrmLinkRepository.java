package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Optional;

/** Which CRM record each lead is in each connection, with the merge base of every mapped field. */
public interface CrmLinkRepository {
    /** Creates or replaces the link of this lead in this connection. */
    void save(CrmLink link);

    Optional<CrmLink> find(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId);

    Optional<CrmLink> findByCrmRecordId(WorkspaceId workspaceId, ConnectionId connectionId, String crmRecordId);

    /**
     * Forgets every link of the connection: it now reaches another org, whose records are not the ones linked. Answers
     * how many went.
     */
    int forgetConnection(WorkspaceId workspaceId, ConnectionId connectionId);

    /** Every connection's link of one lead. */
    List<CrmLink> forLead(WorkspaceId workspaceId, LeadId leadId);
}
