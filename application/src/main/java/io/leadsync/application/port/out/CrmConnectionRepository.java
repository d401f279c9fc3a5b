package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A workspace's CRM connections with their settings and field mappings. */
public interface CrmConnectionRepository {
    /**
     * Stores a new connection. There is no whole-row save of an existing one: every change goes through
     * {@link #update(WorkspaceId, ConnectionId, Consumer)}, so none is made to a stale copy (ADR 0094).
     */
    void insert(CrmConnection connection);

    /**
     * Reads the connection under a lock held until the caller's transaction ends, applies {@code change} and stores the
     * result: two writers changing one connection at once (an admin's settings and the worker's "needs reauth") each
     * see the other's change instead of overwriting it with what they read before. Call it inside the transaction
     * that writes what goes with the change (its audit entry), and make no CRM call in it: the lock is held until it
     * ends. A {@code change} that throws writes nothing.
     * Answers the connection as stored, or empty (nothing written) when the workspace has no such connection.
     */
    Optional<CrmConnection> update(WorkspaceId workspaceId, ConnectionId id, Consumer<CrmConnection> change);

    Optional<CrmConnection> find(WorkspaceId workspaceId, ConnectionId id);

    List<CrmConnection> list(WorkspaceId workspaceId);
}
