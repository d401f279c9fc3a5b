package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Optional;

/**
 * Who is pushing a connection right now, across every node (ADR 0104): one batch per connection in flight, so nodes
 * that share a CRM connection take turns instead of sending small batches side by side. A hold belongs to this node's
 * session with the store: a node that dies or loses the store gives its holds up at once, so nothing waits for a
 * lease to run out before the connection's other deliveries go on.
 */
public interface PushLocks {
    /**
     * Holds the connection's push for the caller, or answers empty when anyone else (another node, or another caller
     * on this one) holds it. Never waits.
     */
    Optional<Hold> tryHold(WorkspaceId workspaceId, ConnectionId connectionId);

    /** A held push; closing it lets the next one in. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** For a single process with nothing to share: held within this process only. */
    static PushLocks local() {
        java.util.Set<ConnectionId> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return (workspaceId, connectionId) -> held.add(connectionId)
                ? Optional.of(() -> held.remove(connectionId)) : Optional.empty();
    }
}
