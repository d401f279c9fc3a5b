package io.leadsync.application.service.delivery;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest "sync now" of each connection on this node: when it started and finished and the CRM calls it took.
 * The counts themselves are read from the delivery queue, which every node shares; only these times live here.
 */
public final class SyncNowRuns {
    /** One run. */
    public record Run(Instant started, Optional<Instant> finished, int crmCalls) {
    }

    private record Key(WorkspaceId workspaceId, ConnectionId connectionId) {
    }

    private final Map<Key, Run> runs = new ConcurrentHashMap<>();

    void started(WorkspaceId workspaceId, ConnectionId connectionId, Instant at) {
        runs.put(new Key(workspaceId, connectionId), new Run(at, Optional.empty(), 0));
    }

    void progressed(WorkspaceId workspaceId, ConnectionId connectionId, int crmCalls) {
        runs.computeIfPresent(new Key(workspaceId, connectionId), (key, run) ->
                new Run(run.started(), run.finished(), crmCalls));
    }

    void finished(WorkspaceId workspaceId, ConnectionId connectionId, Instant at, int crmCalls) {
        runs.computeIfPresent(new Key(workspaceId, connectionId), (key, run) ->
                new Run(run.started(), Optional.of(at), crmCalls));
    }

    Optional<Run> latest(WorkspaceId workspaceId, ConnectionId connectionId) {
        return Optional.ofNullable(runs.get(new Key(workspaceId, connectionId)));
    }
}
