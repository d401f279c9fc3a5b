package io.leadsync.application.service.connect;

import io.leadsync.application.port.in.connect.ConnectionHealthUseCase;
import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.health.ConnectionHealth;
import io.leadsync.domain.health.HealthPolicy;
import io.leadsync.domain.health.QueueTally;
import io.leadsync.domain.health.SyncSignals;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a workspace's connections, their signals and queues, and lets the domain say how each one does. */
public final class ConnectionHealthService implements ConnectionHealthUseCase {
    private final CrmConnectionRepository connections;
    private final ConnectionHealthStore signals;
    private final DeliveryQueue deliveries;
    private final HealthPolicy policy;
    private final Clock clock;
    private final WorkspaceRepository workspaces;

    public ConnectionHealthService(WorkspaceRepository workspaces, CrmConnectionRepository connections,
                                   ConnectionHealthStore signals, DeliveryQueue deliveries, HealthPolicy policy,
                                   Clock clock) {
        this.workspaces = workspaces;
        this.connections = connections;
        this.signals = signals;
        this.deliveries = deliveries;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Map<ConnectionId, Report> health(WorkspaceId workspaceId) {
        Instant now = clock.instant();
        Map<ConnectionId, SyncSignals> known = signals.signals(workspaceId);
        Map<ConnectionId, Report> reports = new LinkedHashMap<>();
        for (CrmConnection connection : connections.list(workspaceId)) {
            // A disconnected connection's queue is closed: no need to count it.
            QueueTally queue = connection.state() == ConnectionState.DISCONNECTED ? QueueTally.EMPTY
                    : deliveries.tally(workspaceId, connection.id(), now);
            ConnectionHealth health = ConnectionHealth.assess(connection,
                    known.getOrDefault(connection.id(), SyncSignals.NONE), queue, policy, now);
            reports.put(connection.id(), new Report(health, queue));
        }
        return reports;
    }

    @Override
    public List<Located> everywhere() {
        List<Located> found = new ArrayList<>();
        for (Workspace workspace : workspaces.all()) {
            Map<ConnectionId, CrmConnection> byId = new LinkedHashMap<>();
            connections.list(workspace.id()).forEach(connection -> byId.put(connection.id(), connection));
            health(workspace.id()).forEach((id, report) -> {
                CrmConnection connection = byId.get(id);
                if (connection != null && connection.state() != ConnectionState.DISCONNECTED
                        && connection.identity().isPresent()) {
                    found.add(new Located(workspace.id(), id, connection.kind(), report));
                }
            });
        }
        return found;
    }
}
