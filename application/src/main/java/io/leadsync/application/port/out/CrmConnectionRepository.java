package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A workspace's CRM connections with their settings and field mappings. */
public interface CrmConnectionRepository {
    void insert(CrmConnection connection);

    void update(CrmConnection connection);

    /**
     * Reads the connection under a lock held until the caller's transaction ends, applies {@code change} and stores the
     * result: two writers changing one connection at once (an admin's settings and the worker's "needs reauth") each
     * see the other's change instead of overwriting it with what they read before. Call it inside a transaction.
     * Answers the connection as stored, or empty (nothing written) when the workspace has no such connection.
     */
    Optional<CrmConnection> update(WorkspaceId workspaceId, ConnectionId id, Consumer<CrmConnection> change);

    Optional<CrmConnection> find(WorkspaceId workspaceId, ConnectionId id);

    List<CrmConnection> list(WorkspaceId workspaceId);
}
