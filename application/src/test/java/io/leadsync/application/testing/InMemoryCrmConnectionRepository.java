package io.leadsync.application.testing;

import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Connections in a map; stores copies so unsaved changes are not seen. */
public final class InMemoryCrmConnectionRepository implements CrmConnectionRepository {
    private final Map<ConnectionId, CrmConnection> connections = new ConcurrentHashMap<>();

    @Override
    public void insert(CrmConnection connection) {
        if (connections.putIfAbsent(connection.id(), copy(connection)) != null) {
            throw new IllegalStateException("connection " + connection.id() + " exists");
        }
    }

    @Override
    public synchronized Optional<CrmConnection> update(WorkspaceId workspaceId, ConnectionId id,
            java.util.function.Consumer<CrmConnection> change) {
        Optional<CrmConnection> current = find(workspaceId, id);
        current.ifPresent(connection -> {
            change.accept(connection);
            connections.put(connection.id(), copy(connection));
        });
        return current;
    }

    @Override
    public Optional<CrmConnection> find(WorkspaceId workspaceId, ConnectionId id) {
        return Optional.ofNullable(connections.get(id)).filter(c -> c.workspaceId().equals(workspaceId))
                .map(InMemoryCrmConnectionRepository::copy);
    }

    @Override
    public List<CrmConnection> list(WorkspaceId workspaceId) {
        return connections.values().stream().filter(c -> c.workspaceId().equals(workspaceId))
                .sorted(Comparator.comparing(CrmConnection::createdAt).thenComparing(c -> c.id().value()))
                .map(InMemoryCrmConnectionRepository::copy).toList();
    }

    private static CrmConnection copy(CrmConnection c) {
        return CrmConnection.restore(c.id(), c.workspaceId(), c.kind(), c.state(), c.stateReason(), c.identity(),
                c.settings(), c.mappings(), c.readiness(), c.createdAt(), c.updatedAt())
                .restoreSalesforceOptions(c.salesforce());
    }
}
