package io.leadsync.application.testing;

import io.leadsync.application.port.out.DuplicateRules;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Duplicate rules over the in-memory leads: the same look-up as PostgreSQL's, by scanning. */
public final class InMemoryDuplicateRules implements DuplicateRules {
    private final Map<WorkspaceId, DuplicateRule> rules = new ConcurrentHashMap<>();
    private final InMemoryLeadRepository leads;

    public InMemoryDuplicateRules(InMemoryLeadRepository leads) {
        this.leads = leads;
    }

    @Override
    public DuplicateRule find(WorkspaceId workspaceId) {
        return rules.getOrDefault(workspaceId, DuplicateRule.OFF);
    }

    @Override
    public void replace(WorkspaceId workspaceId, DuplicateRule rule) {
        rules.put(workspaceId, rule);
    }

    @Override
    public Optional<LeadId> findDuplicate(WorkspaceId workspaceId, LeadId newLead, Map<LeadField, String> keys,
                                          Instant since) {
        return leads.listAfter(workspaceId, Optional.empty(), Integer.MAX_VALUE).stream()
                .filter(lead -> !lead.id().equals(newLead) && !lead.createdAt().isBefore(since))
                .filter(lead -> keys.entrySet().stream().anyMatch(key -> lead.value(key.getKey())
                        .map(value -> value.equalsIgnoreCase(key.getValue())).orElse(false)))
                .min(Comparator.comparing(Lead::createdAt)).map(Lead::id);
    }
}
