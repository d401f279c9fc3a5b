package io.leadsync.application.testing;

import io.leadsync.application.port.out.PushLocks;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PushLocks} for tests: one instance per node, all sharing one {@link Cluster} (the store). {@link #die()}
 * stands for the node's session with the store ending: its holds go with it.
 */
public final class InMemoryPushLocks implements PushLocks {
    /** What the nodes share: which node holds which connection's push. */
    public static final class Cluster {
        private final Map<ConnectionId, InMemoryPushLocks> holders = new ConcurrentHashMap<>();
    }

    private final Cluster cluster;

    public InMemoryPushLocks(Cluster cluster) {
        this.cluster = cluster;
    }

    /** A node alone. */
    public InMemoryPushLocks() {
        this(new Cluster());
    }

    @Override
    public Optional<Hold> tryHold(WorkspaceId workspaceId, ConnectionId connectionId) {
        if (cluster.holders.putIfAbsent(connectionId, this) != null) {
            return Optional.empty();
        }
        // A hold the node lost (it died) is not taken back from whoever holds the connection since.
        return Optional.of(() -> cluster.holders.remove(connectionId, this));
    }

    /** The node's session ends (a crash, a lost connection): every hold of it is released at once. */
    public void die() {
        cluster.holders.values().removeIf(holder -> holder == this);
    }
}
