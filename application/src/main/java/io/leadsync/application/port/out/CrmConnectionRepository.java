package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Optional;

/** A workspace's CRM connections with their settings and field mappings. */
public interface CrmConnectionRepository {
    void insert(CrmConnection connection);

    void update(CrmConnection connection);

    Optional<CrmConnection> find(WorkspaceId workspaceId, ConnectionId id);

    List<CrmConnection> list(WorkspaceId workspaceId);
}
