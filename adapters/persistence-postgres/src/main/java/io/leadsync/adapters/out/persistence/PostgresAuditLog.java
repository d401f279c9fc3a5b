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
    /** PostgreSQL takes at most 65,535 parameters a statement; 1,000 rows of 10 stay well below. */
    private static final int MAX_ROWS_PER_INSERT = 1_000;

    private final Jdbc jdbc;

    PostgresAuditLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(AuditEntry entry) {
        jdbc.update("insert into audit_log (id, workspace_id, occurred_at, actor, action, lead_id, connection_id, detail, "
                + "event, event_type) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)", statement -> {
            statement.setObject(1, entry.id());
            statement.setObject(2, entry.workspaceId().value());
            statement.setObject(3, Jdbc.timestamp(entry.occurredAt()));
            statement.setString(4, entry.actor());
            statement.setString(5, entry.action());
            statement.setString(6, entry.leadId().orElse(null));
            statement.setObject(7, entry.connectionId().orElse(null));
            statement.setString(8, entry.detail());
            statement.setString(9, entry.event().map(SyncEventJson::write).orElse(null));
            statement.setString(10, entry.event().map(SyncEventJson::type).orElse(null));
        });
    }

    /** One multi-row insert per call (a CRM batch is at most a few hundred records; 10 parameters each). */
    @Override
    public void recordAll(List<AuditEntry> entries) {
        for (int from = 0; from < entries.size(); from += MAX_ROWS_PER_INSERT) {
            List<AuditEntry> chunk = entries.subList(from, Math.min(entries.size(), from + MAX_ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("insert into audit_log (id, workspace_id, occurred_at, actor, action, "
                    + "lead_id, connection_id, detail, event, event_type) values ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)");
            }
            jdbc.update(sql.toString(), statement -> {
                int p = 1;
                for (AuditEntry entry : chunk) {
                    statement.setObject(p++, entry.id());
                    statement.setObject(p++, entry.workspaceId().value());
                    statement.setObject(p++, Jdbc.timestamp(entry.occurredAt()));
                    statement.setString(p++, entry.actor());
                    statement.setString(p++, entry.action());
                    statement.setString(p++, entry.leadId().orElse(null));
                    statement.setObject(p++, entry.connectionId().orElse(null));
                    statement.setString(p++, entry.detail());
                    statement.setString(p++, entry.event().map(SyncEventJson::write).orElse(null));
                    statement.setString(p++, entry.event().map(SyncEventJson::type).orElse(null));
                }
            });
        }
    }

    @Override
    public List<AuditEntry> recent(WorkspaceId workspaceId, int limit) {
        return jdbc.list("select * from audit_log where workspace_id = ? order by occurred_at desc, id desc limit ?",
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setInt(2, limit);
                }, PostgresAuditLog::read);
    }

    @Override
    public List<AuditEntry> find(io.leadsync.application.port.out.AuditQuery query) {
        StringBuilder sql = new StringBuilder("select * from audit_log where workspace_id = ?");
        List<Object> parameters = new java.util.ArrayList<>();
        parameters.add(query.workspaceId().value());
        query.connectionId().ifPresent(id -> {
            sql.append(" and connection_id = ?");
            parameters.add(id);
        });
        query.leadId().ifPresent(id -> {
            sql.append(" and lead_id = ?");
            parameters.add(id);
        });
        query.since().ifPresent(at -> {
            sql.append(" and occurred_at >= ?");
            parameters.add(Jdbc.timestamp(at));
        });
        query.until().ifPresent(at -> {
            sql.append(" and occurred_at < ?");
            parameters.add(Jdbc.timestamp(at));
        });
        query.actionPrefix().ifPresent(prefix -> {
            // A prefix, not a pattern: LIKE's own wildcards in it are taken literally.
            sql.append(" and starts_with(action, ?)");
            parameters.add(prefix);
        });
        sql.append(" order by occurred_at desc, id desc limit ?");
        parameters.add(query.limit());
        return jdbc.list(sql.toString(), statement -> {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
        }, PostgresAuditLog::read);
    }

    @Override
    public int deleteOlderThan(java.time.Instant cutoff) {
        return jdbc.update("delete from audit_log where occurred_at < ?",
                statement -> statement.setObject(1, Jdbc.timestamp(cutoff)));
    }

    private static AuditEntry read(ResultSet row) throws SQLException {
        return new AuditEntry(row.getObject("id", UUID.class), new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                Jdbc.instant(row, "occurred_at"), row.getString("actor"), row.getString("action"),
                Optional.ofNullable(row.getString("lead_id")),
                Optional.ofNullable(row.getObject("connection_id", UUID.class)), row.getString("detail"),
                SyncEventJson.read(row.getString("event")));
    }
}
