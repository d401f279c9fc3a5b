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

    /** The links of these CRM records, by record id; records without a link are left out. One query where it can. */
    default java.util.Map<String, CrmLink> findByCrmRecordIds(WorkspaceId workspaceId, ConnectionId connectionId,
                                                             java.util.Collection<String> crmRecordIds) {
        java.util.Map<String, CrmLink> found = new java.util.HashMap<>();
        crmRecordIds.forEach(id -> findByCrmRecordId(workspaceId, connectionId, id)
                .ifPresent(link -> found.put(id, link)));
        return found;
    }

    /** Saves each link as {@link #save} does, in one round trip where the store can. */
    default void saveAll(List<CrmLink> links) {
        links.forEach(this::save);
    }

    /**
     * Forgets every link of the connection: it now reaches another org, whose records are not the ones linked. Answers
     * how many went.
     */
    int forgetConnection(WorkspaceId workspaceId, ConnectionId connectionId);

    /** Every connection's link of one lead. */
    List<CrmLink> forLead(WorkspaceId workspaceId, LeadId leadId);
}
