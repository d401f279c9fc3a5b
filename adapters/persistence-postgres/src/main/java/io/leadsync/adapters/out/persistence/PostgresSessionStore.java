package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.SessionStore;
import io.leadsync.domain.workspace.AdminSession;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Admin UI sessions in PostgreSQL, by the hash of their token (ADR 0045). */
@Singleton
final class PostgresSessionStore implements SessionStore {
    private final Jdbc jdbc;

    PostgresSessionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(AdminSession session) {
        jdbc.update("insert into admin_sessions (id, token_hash, user_id, workspace_id, created_at, last_seen_at, "
                + "user_agent, client_address) values (?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setObject(1, session.id());
            statement.setString(2, session.tokenHash());
            statement.setObject(3, session.userId().value());
            statement.setObject(4, session.workspaceId().value());
            statement.setObject(5, Jdbc.timestamp(session.createdAt()));
            statement.setObject(6, Jdbc.timestamp(session.lastSeenAt()));
            statement.setString(7, session.userAgent());
            statement.setString(8, session.clientAddress());
        });
    }

    @Override
    public Optional<AdminSession> findByTokenHash(String tokenHash) {
        return jdbc.one("select * from admin_sessions where token_hash = ?",
                statement -> statement.setString(1, tokenHash), PostgresSessionStore::read);
    }

    @Override
    public void update(AdminSession session) {
        jdbc.update("update admin_sessions set last_seen_at = ?, workspace_id = ? where id = ?", statement -> {
            statement.setObject(1, Jdbc.timestamp(session.lastSeenAt()));
            statement.setObject(2, session.workspaceId().value());
            statement.setObject(3, session.id());
        });
    }

    @Override
    public void delete(UUID id) {
        jdbc.update("delete from admin_sessions where id = ?", statement -> statement.setObject(1, id));
    }

    @Override
    public List<AdminSession> sessionsOf(UserId userId) {
        return jdbc.list("select * from admin_sessions where user_id = ? order by created_at desc, id",
                statement -> statement.setObject(1, userId.value()), PostgresSessionStore::read);
    }

    @Override
    public int deleteAllOf(UserId userId) {
        return jdbc.update("delete from admin_sessions where user_id = ?",
                statement -> statement.setObject(1, userId.value()));
    }

    @Override
    public int deleteAllOf(UserId userId, WorkspaceId workspaceId) {
        return jdbc.update("delete from admin_sessions where user_id = ? and workspace_id = ?", statement -> {
            statement.setObject(1, userId.value());
            statement.setObject(2, workspaceId.value());
        });
    }

    @Override
    public int deleteAllIn(WorkspaceId workspaceId) {
        return jdbc.update("delete from admin_sessions where workspace_id = ?",
                statement -> statement.setObject(1, workspaceId.value()));
    }

    @Override
    public int deleteEnded(Instant idleCutoff, Instant absoluteCutoff) {
        return jdbc.update("delete from admin_sessions where last_seen_at < ? or created_at < ?", statement -> {
            statement.setObject(1, Jdbc.timestamp(idleCutoff));
            statement.setObject(2, Jdbc.timestamp(absoluteCutoff));
        });
    }

    private static AdminSession read(ResultSet row) throws SQLException {
        return new AdminSession(row.getObject("id", UUID.class), row.getString("token_hash"),
                new UserId(row.getObject("user_id", UUID.class)),
                new WorkspaceId(row.getObject("workspace_id", UUID.class)), Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "last_seen_at"), row.getString("user_agent"), row.getString("client_address"));
    }
}
