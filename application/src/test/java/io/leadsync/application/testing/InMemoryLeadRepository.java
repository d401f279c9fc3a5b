package io.leadsync.application.testing;

import io.leadsync.application.port.out.ConcurrentLeadChangeException;
import io.leadsync.application.port.out.LeadAlreadyExistsException;
import io.leadsync.application.port.out.LeadCriteria;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.LeadSlice;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Leads in a map; stores copies so a caller's later changes to its object are not seen until saved. */
public final class InMemoryLeadRepository implements LeadRepository {
    private record Key(WorkspaceId workspaceId, LeadId leadId) {
    }

    private final Map<Key, Lead> leads = new ConcurrentHashMap<>();

    @Override
    public Optional<Lead> find(WorkspaceId workspaceId, LeadId leadId) {
        return Optional.ofNullable(leads.get(new Key(workspaceId, leadId))).map(InMemoryLeadRepository::copy);
    }

    /** The fake has no transactions; its optimistic version check alone keeps racing writers apart. */
    @Override
    public Optional<Lead> findForChange(WorkspaceId workspaceId, LeadId leadId) {
        return find(workspaceId, leadId);
    }

    @Override
    public synchronized void insert(Lead lead) {
        Key key = new Key(lead.workspaceId(), lead.id());
        if (leads.containsKey(key)) {
            throw new LeadAlreadyExistsException(lead.id());
        }
        leads.put(key, copy(lead));
    }

    /** All or none, as the database's one statement. */
    @Override
    public synchronized void insertAll(java.util.List<Lead> batch) {
        for (Lead lead : batch) {
            if (leads.containsKey(new Key(lead.workspaceId(), lead.id()))) {
                throw new LeadAlreadyExistsException(lead.id());
            }
        }
        batch.forEach(this::insert);
    }

    @Override
    public synchronized void update(Lead lead) {
        Key key = new Key(lead.workspaceId(), lead.id());
        Lead stored = leads.get(key);
        if (stored == null || stored.version() != lead.version() - 1) {
            throw new ConcurrentLeadChangeException(lead.id(), lead.version() - 1);
        }
        leads.put(key, copy(lead));
    }

    @Override
    public LeadSlice list(LeadCriteria criteria) {
        List<Lead> matching = leads.values().stream()
                .filter(lead -> lead.workspaceId().equals(criteria.workspaceId()))
                .filter(lead -> criteria.status().map(status -> lead.status() == status).orElse(true))
                .filter(lead -> criteria.agentId()
                        .map(agent -> lead.value(LeadField.AGENT_ID).equals(Optional.of(agent.value()))).orElse(true))
                .filter(lead -> criteria.updatedSince().map(since -> !lead.updatedAt().isBefore(since)).orElse(true))
                .sorted(Comparator.comparing(Lead::updatedAt).reversed()
                        .thenComparing(lead -> lead.id().value()))
                .toList();
        List<Lead> page = matching.stream().skip(criteria.offset()).limit(criteria.limit())
                .map(InMemoryLeadRepository::copy).toList();
        return new LeadSlice(page, matching.size());
    }

    @Override
    public Optional<Lead> findForChangeByWorkEmail(WorkspaceId workspaceId, String workEmail) {
        return leads.values().stream().filter(lead -> lead.workspaceId().equals(workspaceId)
                        && lead.value(LeadField.WORK_EMAIL).map(email -> email.equals(workEmail)).orElse(false))
                .min(Comparator.comparing(Lead::createdAt).thenComparing(lead -> lead.id().value()))
                .map(InMemoryLeadRepository::copy);
    }

    @Override
    public List<Lead> listAfter(WorkspaceId workspaceId, Optional<LeadId> after, int limit) {
        return leads.values().stream().filter(lead -> lead.workspaceId().equals(workspaceId))
                .filter(lead -> after.map(id -> lead.id().value().compareTo(id.value()) > 0).orElse(true))
                .sorted(Comparator.comparing(lead -> lead.id().value())).limit(limit)
                .map(InMemoryLeadRepository::copy).toList();
    }

    private static Lead copy(Lead lead) {
        return Lead.restore(lead.workspaceId(), lead.id(), lead.createdAt(), lead.updatedAt(), lead.version(),
                lead.fields(), lead.clearedFields());
    }
}
