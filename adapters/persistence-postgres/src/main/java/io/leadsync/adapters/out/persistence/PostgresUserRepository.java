package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.UserRepository;
import io.leadsync.domain.workspace.Membership;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users and their memberships in PostgreSQL; the password only as its hash. */
@Singleton
final class PostgresUserRepository implements UserRepository {
    private final Jdbc jdbc;

    PostgresUserRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(User user) {
        jdbc.update("insert into users (id, email, display_name, password_hash, created_at) values (?, ?, ?, ?, ?)",
                statement -> {
                    statement.setObject(1, user.id().value());
                    statement.setString(2, user.email());
                    statement.setString(3, user.displayName());
                    statement.setString(4, user.passwordHash());
                    statement.setObject(5, Jdbc.timestamp(user.createdAt()));
                });
    }

    @Override
    public Optional<User> find(UserId id) {
        return jdbc.one("select * from users where id = ?", statement -> statement.setObject(1, id.value()),
                PostgresUserRepository::readUser);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return jdbc.one("select * from users where email = ?", statement -> statement.setString(1, email),
                PostgresUserRepository::readUser);
    }

    @Override
    public long count() {
        return jdbc.one("select count(*) as n from users", statement -> {
        }, row -> row.getLong("n")).orElse(0L);
    }

    @Override
    public void updatePasswordHash(UserId userId, String passwordHash) {
        jdbc.update("update users set password_hash = ? where id = ?", statement -> {
            statement.setString(1, passwordHash);
            statement.setObject(2, userId.value());
        });
    }

    @Override
    public boolean deleteMembership(WorkspaceId workspaceId, UserId userId) {
        return jdbc.update("delete from memberships where workspace_id = ? and user_id = ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, userId.value());
        }) > 0;
    }

    @Override
    public void saveMembership(Membership membership) {
        jdbc.update("insert into memberships (workspace_id, user_id, role) values (?, ?, ?) "
                + "on conflict (workspace_id, user_id) do update set role = excluded.role", statement -> {
            statement.setObject(1, membership.workspaceId().value());
            statement.setObject(2, membership.userId().value());
            statement.setString(3, membership.role().name());
        });
    }

    @Override
    public List<Membership> membershipsOf(UserId userId) {
        return jdbc.list("select * from memberships where user_id = ? order by workspace_id",
                statement -> statement.setObject(1, userId.value()), PostgresUserRepository::readMembership);
    }

    @Override
    public List<Membership> membersOf(WorkspaceId workspaceId) {
        return jdbc.list("select * from memberships where workspace_id = ? order by user_id",
                statement -> statement.setObject(1, workspaceId.value()), PostgresUserRepository::readMembership);
    }

    private static User readUser(ResultSet row) throws SQLException {
        return new User(new UserId(row.getObject("id", UUID.class)), row.getString("email"),
                row.getString("display_name"), row.getString("password_hash"), Jdbc.instant(row, "created_at"));
    }

    private static Membership readMembership(ResultSet row) throws SQLException {
        return new Membership(new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                new UserId(row.getObject("user_id", UUID.class)), Role.valueOf(row.getString("role")));
    }
}
