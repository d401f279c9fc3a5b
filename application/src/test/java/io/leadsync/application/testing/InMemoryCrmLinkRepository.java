package io.leadsync.application.testing;

import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryCrmLinkRepository implements CrmLinkRepository {
    private record Key(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId) {
    }

    private final Map<Key, CrmLink> links = new ConcurrentHashMap<>();

    @Override
    public synchronized void save(CrmLink link) {
        Key key = new Key(link.workspaceId(), link.connectionId(), link.leadId());
        boolean recordTakenByAnotherLead = links.values().stream().anyMatch(other ->
                other.workspaceId().equals(link.workspaceId()) && other.connectionId().equals(link.connectionId())
                        && other.crmRecordId().equals(link.crmRecordId()) && !other.leadId().equals(link.leadId()));
        if (recordTakenByAnotherLead) {
            throw new IllegalStateException("CRM record " + link.crmRecordId() + " is linked to another lead");
        }
        links.put(key, link);
    }

    @Override
    public Optional<CrmLink> find(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId) {
        return Optional.ofNullable(links.get(new Key(workspaceId, connectionId, leadId)));
    }

    @Override
    public Optional<CrmLink> findByCrmRecordId(WorkspaceId workspaceId, ConnectionId connectionId, String crmRecordId) {
        return links.values().stream()
                .filter(l -> l.workspaceId().equals(workspaceId) && l.connectionId().equals(connectionId)
                        && l.crmRecordId().equals(crmRecordId))
                .findFirst();
    }

    @Override
    public synchronized int forgetConnection(WorkspaceId workspaceId, ConnectionId connectionId) {
        int before = links.size();
        links.keySet().removeIf(key -> key.workspaceId().equals(workspaceId) && key.connectionId().equals(connectionId));
        return before - links.size();
    }

    @Override
    public List<CrmLink> forLead(WorkspaceId workspaceId, LeadId leadId) {
        return links.values().stream()
                .filter(l -> l.workspaceId().equals(workspaceId) && l.leadId().equals(leadId))
                .sorted(Comparator.comparing(l -> l.connectionId().value()))
                .toList();
    }
}
