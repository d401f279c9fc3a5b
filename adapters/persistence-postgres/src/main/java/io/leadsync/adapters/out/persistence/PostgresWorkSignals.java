package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.WorkSignals;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work signals through PostgreSQL {@code LISTEN/NOTIFY} (ADR 0057). A transaction that appends to the outbox signals
 * once it has committed: this node's subscribers at once, the other nodes through one {@code NOTIFY} on channel
 * {@value #CHANNEL}, which their listening connection receives.
 *
 * <p>The {@code NOTIFY} is sent after the commit on a connection of its own, never inside the writer's transaction:
 * PostgreSQL serialises the commits of transactions that notify, which would cost the capture path its group
 * commits. Signals coalesce: while one {@code NOTIFY} is on its way, later commits ride on it, so a thousand captures a
 * second make tens of notifications, not a thousand.
 */
@Singleton
final class PostgresWorkSignals implements WorkSignals {
    static final String CHANNEL = "leadsync_work";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresWorkSignals.class);
    private static final long POLL_MILLIS = 1_000;
    private static final long RECONNECT_MILLIS = 2_000;

    private final TransactionOperations<Connection> transactions;
    private final DataSource pool;
    private final Jdbc jdbc;
    private final boolean enabled;
    /** Names this node in its notifications, so it does not wake itself twice. */
    private final String node = UUID.randomUUID().toString();
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean notifyQueued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(daemon("leadsync-work-notify"));
    private Thread listener;

    PostgresWorkSignals(TransactionOperations<Connection> transactions, DataSource dataSource,
                        @Nullable DataSourceResolver resolver, Jdbc jdbc,
                        @Value("${leadsync.sync.worker.notify:true}") boolean enabled) {
        this.transactions = transactions;
        // The listening connection lives outside any transaction or connection scope: the pool itself, not the proxy.
        this.pool = (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource);
        this.jdbc = jdbc;
        this.enabled = enabled;
    }

    @Override
    public synchronized void subscribe(Runnable wake) {
        subscribers.add(wake);
        if (enabled && listener == null) {
            listener = daemon("leadsync-work-listener").newThread(this::listen);
            listener.start();
        }
    }

    /** Work was written in the current transaction: signal once it commits (at once outside a transaction). */
    void afterCommit() {
        if (!enabled) {
            return;
        }
        var status = transactions.findTransactionStatus();
        if (status.isPresent()) {
            status.get().registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed();
                }
            });
        } else {
            committed();
        }
    }

    private void committed() {
        wakeAll();
        if (!closed.get() && notifyQueued.compareAndSet(false, true)) {
            try {
                sender.execute(this::notifyOthers);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                notifyQueued.set(false);
            }
        }
    }

    private void notifyOthers() {
        // Cleared before sending: a commit from here on needs a notification of its own, one made before rides on
        // this one.
        notifyQueued.set(false);
        try {
            jdbc.list("select pg_notify(?, ?)", statement -> {
                statement.setString(1, CHANNEL);
                statement.setString(2, node);
            }, row -> null);
        } catch (RuntimeException e) {
            // A hint only: the other nodes' ticks find the work.
            LOG.debug("Work notification not sent: {}", e.toString());
        }
    }

    private void wakeAll() {
        for (Runnable wake : subscribers) {
            try {
                wake.run();
            } catch (RuntimeException e) {
                LOG.warn("A work signal subscriber failed: {}", e.toString());
            }
        }
    }

    /** The listening connection: received notifications wake this node; a lost connection is made again. */
    private void listen() {
        while (!closed.get()) {
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (!closed.get()) {
                    PGNotification[] received = postgres.getNotifications((int) POLL_MILLIS);
                    if (received == null) {
                        continue;
                    }
                    for (PGNotification notification : received) {
                        if (!node.equals(notification.getParameter())) {
                            wakeAll();
                            break;
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed.get() || poolClosed()) {
                    // LeadSync is stopping: the pool went before this bean.
                    return;
                }
                LOG.warn("Listening for work signals failed ({}); the tick finds the work meanwhile, listening again "
                        + "in {} ms", e.toString(), RECONNECT_MILLIS);
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private boolean poolClosed() {
        try {
            return pool.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)
                    && pool.unwrap(com.zaxxer.hikari.HikariDataSource.class).isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    @PreDestroy
    void close() {
        closed.set(true);
        sender.shutdownNow();
        Thread running;
        synchronized (this) {
            running = listener;
        }
        if (running != null) {
            running.interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
