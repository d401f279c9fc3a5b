package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.DeliveryWindow;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rolling window in PostgreSQL. Counting and taking a slot happen under a transaction-scoped advisory lock per
 * connection, so two nodes cannot both see the 500th slot free; the caller's transaction holds it until it commits.
 */
@Singleton
final class PostgresDeliveryWindow implements DeliveryWindow {
    /** Sends older than the window and this are of no use to anyone and are deleted as slots are taken. */
    private static final Duration KEEP_BEYOND_WINDOW = Duration.ofDays(1);

    private final Jdbc jdbc;

    PostgresDeliveryWindow(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Instant> take(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId, Instant now,
                                  int limit, Duration window) {
        long lockKey = connectionId.value().getMostSignificantBits() ^ connectionId.value().getLeastSignificantBits();
        jdbc.list("select pg_advisory_xact_lock(?)", statement -> statement.setLong(1, lockKey), row -> 1);
        int used = used(workspaceId, connectionId, now, window);
        if (used >= limit) {
            // The slot frees when enough of the oldest sends leave the window to bring the count under the limit.
            return jdbc.one("select sent_at from delivery_window_sends where workspace_id = ? and connection_id = ? "
                    + "and sent_at > ? order by sent_at offset ? limit 1", statement -> {
                statement.setObject(1, workspaceId.value());
                statement.setObject(2, connectionId.value());
                statement.setObject(3, Jdbc.timestamp(now.minus(window)));
                statement.setInt(4, used - limit);
            }, row -> Jdbc.instant(row, "sent_at").plus(window));
        }
        jdbc.update("insert into delivery_window_sends (workspace_id, connection_id, lead_id, sent_at) "
                + "values (?, ?, ?, ?)", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
            statement.setString(3, leadId.value());
            statement.setObject(4, Jdbc.timestamp(now));
        });
        jdbc.update("delete from delivery_window_sends where connection_id = ? and sent_at < ?", statement -> {
            statement.setObject(1, connectionId.value());
            statement.setObject(2, Jdbc.timestamp(now.minus(window).minus(KEEP_BEYOND_WINDOW)));
        });
        return Optional.empty();
    }

    @Override
    public int used(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, Duration window) {
        return jdbc.one("select count(*) as used from delivery_window_sends where workspace_id = ? "
                + "and connection_id = ? and sent_at > ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
            statement.setObject(3, Jdbc.timestamp(now.minus(window)));
        }, row -> row.getInt("used")).orElse(0);
    }
}
