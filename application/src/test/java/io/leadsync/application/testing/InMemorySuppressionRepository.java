package io.leadsync.application.testing;

import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemorySuppressionRepository implements SuppressionRepository {
    private record Key(WorkspaceId workspaceId, ConnectionId connectionId) {
    }

    private final Map<Key, Suppressions> lists = new ConcurrentHashMap<>();

    @Override
    public Suppressions find(WorkspaceId workspaceId, ConnectionId connectionId) {
        return lists.getOrDefault(new Key(workspaceId, connectionId), Suppressions.NONE);
    }

    @Override
    public void replace(WorkspaceId workspaceId, ConnectionId connectionId, Suppressions suppressions) {
        lists.put(new Key(workspaceId, connectionId), suppressions);
    }
}
