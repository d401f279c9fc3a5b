package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The audit log in PostgreSQL, append-only. */
@Singleton
final class PostgresAuditLog implements AuditLog {
    private final Jdbc jdbc;

    PostgresAuditLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(AuditEntry entry) {
        jdbc.update("insert into audit_log (id, workspace_id, occurred_at, actor, action, lead_id, connection_id, detail) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setObject(1, entry.id());
            statement.setObject(2, entry.workspaceId().value());
            statement.setObject(3, Jdbc.timestamp(entry.occurredAt()));
            statement.setString(4, entry.actor());
            statement.setString(5, entry.action());
            statement.setString(6, entry.leadId().orElse(null));
            statement.setObject(7, entry.connectionId().orElse(null));
            statement.setString(8, entry.detail());
        });
    }

    @Override
    public List<AuditEntry> recent(WorkspaceId workspaceId, int limit) {
        return jdbc.list("select * from audit_log where workspace_id = ? order by occurred_at desc, id desc limit ?",
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setInt(2, limit);
                }, PostgresAuditLog::read);
    }

    private static AuditEntry read(ResultSet row) throws SQLException {
        return new AuditEntry(row.getObject("id", UUID.class), new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                Jdbc.instant(row, "occurred_at"), row.getString("actor"), row.getString("action"),
                Optional.ofNullable(row.getString("lead_id")),
                Optional.ofNullable(row.getObject("connection_id", UUID.class)), row.getString("detail"));
    }
}
