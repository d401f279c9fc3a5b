package io.leadsync.application.testing;

import io.leadsync.application.port.out.AgentRoutingRepository;
import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryAgentRoutingRepository implements AgentRoutingRepository {
    private final Map<WorkspaceId, RoutingRules> rules = new ConcurrentHashMap<>();

    @Override
    public RoutingRules find(WorkspaceId workspaceId) {
        return rules.getOrDefault(workspaceId, RoutingRules.NONE);
    }

    @Override
    public void replace(WorkspaceId workspaceId, RoutingRules replacement) {
        rules.put(workspaceId, replacement);
    }
}
