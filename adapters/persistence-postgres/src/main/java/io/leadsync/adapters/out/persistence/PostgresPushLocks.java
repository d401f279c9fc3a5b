package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.PushLocks;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Push holds as PostgreSQL session-level advisory locks (ADR 0104), on one connection of this node's own, kept out of
 * any transaction. The session is the node: when the process dies, PostgreSQL ends the session and drops its locks at
 * once, so the other nodes go on with the connection without waiting for a lease. Keepalives on the session bound how
 * long a node cut off from the database keeps its holds (about a minute), rather than the operating system's hours.
 *
 * <p>PostgreSQL lets one session take its own advisory lock again, so the holds of this node's callers (the worker's
 * drains, "sync now") are kept apart here first. Locks use the two-key form under {@link #NAMESPACE}, a space apart
 * from the one-key locks other adapters take in transactions.
 */
@Singleton
final class PostgresPushLocks implements PushLocks {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresPushLocks.class);
    /** "LSpu": the first key of every push lock. */
    static final int NAMESPACE = 0x4C537075;

    private final DataSource pool;
    /** The connections held by callers on this node, each by its hold. */
    private final Map<ConnectionId, Object> local = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private Connection session;
    /** Counts sessions, so a hold taken on a session that has since ended does not unlock on its successor. */
    private long generation;
    private boolean closed;

    PostgresPushLocks(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        // Outside any transaction or connection scope: the pool itself, not the proxy (as PostgresWorkSignals).
        this.pool = (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource);
    }

    @Override
    public Optional<Hold> tryHold(WorkspaceId workspaceId, ConnectionId connectionId) {
        Object token = new Object();
        if (local.putIfAbsent(connectionId, token) != null) {
            return Optional.empty();
        }
        try {
            long held = lock(connectionId);
            if (held < 0) {
                local.remove(connectionId, token);
                return Optional.empty();
            }
            return Optional.of(() -> release(connectionId, token, held));
        } catch (RuntimeException e) {
            local.remove(connectionId, token);
            throw e;
        }
    }

    /** The session's generation when the lock was taken, or -1 when someone else holds it. */
    private synchronized long lock(ConnectionId connectionId) {
        SQLException failed = null;
        // A session the server ended (a restart, a cut) is made again once.
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return call(session(), "select pg_try_advisory_lock(?, ?)", connectionId) ? generation : -1;
            } catch (SQLException e) {
                failed = e;
                drop();
            }
        }
        throw new DatabaseFailure("push lock not taken", failed);
    }

    private synchronized void release(ConnectionId connectionId, Object token, long held) {
        try {
            if (session != null && generation == held) {
                call(session, "select pg_advisory_unlock(?, ?)", connectionId);
            }
        } catch (SQLException e) {
            // The session is gone, and its locks with it.
            LOG.debug("Push lock session lost on release: {}", e.toString());
            drop();
        } finally {
            local.remove(connectionId, token);
        }
    }

    private boolean call(Connection connection, String sql, ConnectionId connectionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, NAMESPACE);
            statement.setInt(2, connectionId.value().hashCode());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private Connection session() throws SQLException {
        if (closed) {
            throw new SQLException("LeadSync is stopping", "57P01");
        }
        if (session == null) {
            Connection opened = pool.getConnection();
            try {
                opened.setAutoCommit(true);
                try (Statement statement = opened.createStatement()) {
                    // The server probes a silent node and ends its session, and its locks, after about a minute.
                    statement.execute("set tcp_keepalives_idle = 30; set tcp_keepalives_interval = 10; "
                            + "set tcp_keepalives_count = 3; set application_name = 'leadsync push locks'");
                }
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            session = opened;
            generation++;
        }
        return session;
    }

    /**
     * Ends the session, and with it every lock it holds. It never goes back to the pool: a pooled connection would
     * keep the locks for whoever borrows it next, and other nodes would wait on them for good.
     */
    private void drop() {
        Connection gone = session;
        session = null;
        if (gone == null) {
            return;
        }
        try (Statement statement = gone.createStatement()) {
            // Let go at once: the pool ends a physical connection on a thread of its own, a moment later.
            statement.execute("select pg_advisory_unlock_all()");
        } catch (SQLException e) {
            // The session is gone, and its locks with it.
            LOG.debug("Ending a push lock session: {}", e.toString());
        }
        try {
            if (pool.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)) {
                // Marked evicted before it is closed, so the pool ends it rather than lend it to the next borrower.
                pool.unwrap(com.zaxxer.hikari.HikariDataSource.class).evictConnection(gone);
            }
            gone.close();
        } catch (SQLException e) {
            LOG.debug("Ending a push lock session: {}", e.toString());
        }
    }

    /** The backend of this node's session, for tests that cut it. */
    synchronized int sessionPid() throws SQLException {
        try (Statement statement = session().createStatement();
             ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    /** The node stops: its holds go with the session. */
    @PreDestroy
    synchronized void close() {
        closed = true;
        drop();
    }
}
