package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Workspaces in PostgreSQL. */
@Singleton
final class PostgresWorkspaceRepository implements WorkspaceRepository {
    private final Jdbc jdbc;

    PostgresWorkspaceRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Workspace workspace) {
        jdbc.update("insert into workspaces (id, name, product_name, created_at) values (?, ?, ?, ?)", statement -> {
            statement.setObject(1, workspace.id().value());
            statement.setString(2, workspace.name());
            statement.setString(3, workspace.productName());
            statement.setObject(4, Jdbc.timestamp(workspace.createdAt()));
        });
    }

    @Override
    public Optional<Workspace> find(WorkspaceId id) {
        return jdbc.one("select * from workspaces where id = ?", statement -> statement.setObject(1, id.value()),
                PostgresWorkspaceRepository::read);
    }

    @Override
    public void update(Workspace workspace) {
        jdbc.update("update workspaces set name = ?, product_name = ? where id = ?", statement -> {
            statement.setString(1, workspace.name());
            statement.setString(2, workspace.productName());
            statement.setObject(3, workspace.id().value());
        });
    }

    @Override
    public List<Workspace> all() {
        return jdbc.list("select * from workspaces order by created_at, id", statement -> {
        }, PostgresWorkspaceRepository::read);
    }

    @Override
    public void suspend(WorkspaceId id, java.time.Instant at) {
        jdbc.update("update workspaces set suspended_at = ? where id = ? and suspended_at is null", statement -> {
            statement.setObject(1, Jdbc.timestamp(at));
            statement.setObject(2, id.value());
        });
    }

    private static Workspace read(ResultSet row) throws SQLException {
        return new Workspace(new WorkspaceId(row.getObject("id", UUID.class)), row.getString("name"),
                row.getString("product_name"), Jdbc.instant(row, "created_at"),
                java.util.Optional.ofNullable(Jdbc.instant(row, "suspended_at")));
    }
}
