package io.leadsync.application.service.connect;

import io.leadsync.application.port.in.connect.ListConnectionsQuery;
import io.leadsync.application.port.in.connect.ListConnectionsUseCase;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.domain.crm.CrmConnection;

import java.util.List;

/** Lists a workspace's connections. */
public final class ListConnectionsService implements ListConnectionsUseCase {
    private final CrmConnectionRepository connections;

    public ListConnectionsService(CrmConnectionRepository connections) {
        this.connections = connections;
    }

    @Override
    public List<CrmConnection> list(ListConnectionsQuery query) {
        return connections.list(query.workspaceId());
    }
}
