package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.InvitationRepository;
import io.leadsync.domain.workspace.Invitation;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Invitations in PostgreSQL, by the hash of their link's token (ADR 0047). */
@Singleton
final class PostgresInvitationRepository implements InvitationRepository {
    private final Jdbc jdbc;

    PostgresInvitationRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Invitation invitation) {
        jdbc.update("insert into invitations (id, token_hash, workspace_id, email, role, invited_by, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setObject(1, invitation.id());
            statement.setString(2, invitation.tokenHash());
            statement.setObject(3, invitation.workspaceId().value());
            statement.setString(4, invitation.email());
            statement.setString(5, invitation.role().name());
            statement.setString(6, invitation.invitedBy());
            statement.setObject(7, Jdbc.timestamp(invitation.createdAt()));
        });
    }

    @Override
    public Optional<Invitation> findByTokenHash(String tokenHash) {
        return jdbc.one("select * from invitations where token_hash = ?",
                statement -> statement.setString(1, tokenHash), PostgresInvitationRepository::read);
    }

    @Override
    public boolean markAccepted(UUID id, Instant at) {
        return jdbc.update("update invitations set accepted_at = ? where id = ? and accepted_at is null", statement -> {
            statement.setObject(1, Jdbc.timestamp(at));
            statement.setObject(2, id);
        }) == 1;
    }

    @Override
    public List<Invitation> openIn(WorkspaceId workspaceId, Instant now) {
        return jdbc.list("select * from invitations where workspace_id = ? and accepted_at is null "
                        + "and created_at > ? order by created_at desc, id", statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, Jdbc.timestamp(now.minus(Invitation.LIFETIME)));
                }, PostgresInvitationRepository::read);
    }

    private static Invitation read(ResultSet row) throws SQLException {
        return new Invitation(row.getObject("id", UUID.class), row.getString("token_hash"),
                new WorkspaceId(row.getObject("workspace_id", UUID.class)), row.getString("email"),
                Role.valueOf(row.getString("role")), row.getString("invited_by"), Jdbc.instant(row, "created_at"),
                Optional.ofNullable(Jdbc.instant(row, "accepted_at")));
    }
}
