package io.leadsync.application.testing;

import io.leadsync.application.port.out.ActionLog;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Tracked actions in memory; it knows nothing of deliveries, so every target reads as still in the outbox. */
public final class InMemoryActionLog implements ActionLog {
    private final Map<UUID, TrackedAction> actions = new ConcurrentHashMap<>();

    @Override
    public void record(TrackedAction action) {
        actions.put(action.trackingId(), action);
    }

    @Override
    public Optional<TrackedAction> find(WorkspaceId workspaceId, UUID trackingId) {
        return Optional.ofNullable(actions.get(trackingId)).filter(a -> a.workspaceId().equals(workspaceId));
    }

    @Override
    public TargetFacts facts(WorkspaceId workspaceId, LeadId leadId, long version, ConnectionId connectionId) {
        return new TargetFacts(Optional.empty(), false, Optional.empty());
    }

    @Override
    public int deleteBefore(java.time.Instant cutoff) {
        int before = actions.size();
        actions.values().removeIf(action -> action.at().isBefore(cutoff));
        return before - actions.size();
    }
}
