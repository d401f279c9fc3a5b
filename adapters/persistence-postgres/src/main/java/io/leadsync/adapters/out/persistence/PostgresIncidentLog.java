package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.IncidentLog;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Incidents in PostgreSQL. A partial unique index allows one open incident per connection, so of several nodes
 * opening the same incident exactly one insert lands; closing is an update only one node's statement can make.
 */
@Singleton
final class PostgresIncidentLog implements IncidentLog {
    private final Jdbc jdbc;

    PostgresIncidentLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean open(WorkspaceId workspaceId, ConnectionId connectionId, Instant at, String trigger) {
        return jdbc.update("insert into alert_incidents (workspace_id, connection_id, opened_at, trigger_text) "
                + "values (?, ?, ?, ?) on conflict (connection_id) where closed_at is null do nothing", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
            statement.setObject(3, Jdbc.timestamp(at));
            statement.setString(4, trigger);
        }) == 1;
    }

    @Override
    public boolean close(WorkspaceId workspaceId, ConnectionId connectionId, Instant at) {
        return jdbc.update("update alert_incidents set closed_at = ? where workspace_id = ? and connection_id = ? "
                + "and closed_at is null", statement -> {
            statement.setObject(1, Jdbc.timestamp(at));
            statement.setObject(2, workspaceId.value());
            statement.setObject(3, connectionId.value());
        }) > 0;
    }

    @Override
    public Set<ConnectionId> open(WorkspaceId workspaceId) {
        return new HashSet<>(jdbc.list("select connection_id from alert_incidents where workspace_id = ? "
                + "and closed_at is null", statement -> statement.setObject(1, workspaceId.value()),
                row -> new ConnectionId(row.getObject("connection_id", UUID.class))));
    }
}
