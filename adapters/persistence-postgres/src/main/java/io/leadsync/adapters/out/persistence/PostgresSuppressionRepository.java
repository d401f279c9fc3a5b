package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.Set;

/** Suppression lists, one row per email or domain. */
@Singleton
final class PostgresSuppressionRepository implements SuppressionRepository {
    private record Entry(String kind, String value) {
    }

    private final Jdbc jdbc;

    PostgresSuppressionRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Suppressions find(WorkspaceId workspaceId, ConnectionId connectionId) {
        Set<String> emails = new HashSet<>();
        Set<String> domains = new HashSet<>();
        for (Entry entry : jdbc.list("select kind, value from suppressions where workspace_id = ? and connection_id = ?",
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, connectionId.value());
                }, row -> new Entry(row.getString("kind"), row.getString("value")))) {
            (entry.kind().equals("EMAIL") ? emails : domains).add(entry.value());
        }
        return new Suppressions(emails, domains);
    }

    @Override
    public void replace(WorkspaceId workspaceId, ConnectionId connectionId, Suppressions suppressions) {
        jdbc.update("delete from suppressions where workspace_id = ? and connection_id = ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
        });
        suppressions.emails().forEach(email -> insert(workspaceId, connectionId, "EMAIL", email));
        suppressions.domains().forEach(domain -> insert(workspaceId, connectionId, "DOMAIN", domain));
    }

    private void insert(WorkspaceId workspaceId, ConnectionId connectionId, String kind, String value) {
        jdbc.update("insert into suppressions (workspace_id, connection_id, kind, value) values (?, ?, ?, ?)",
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, connectionId.value());
                    statement.setString(3, kind);
                    statement.setString(4, value);
                });
    }
}
