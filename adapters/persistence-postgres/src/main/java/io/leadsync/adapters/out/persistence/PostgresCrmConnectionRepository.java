package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * CRM connections in PostgreSQL. A connection is read with the instance its latest tokens name: Salesforce moves orgs
 * between instances and says so in the {@code instance_url} of a refresh, which the token vault keeps, so what the
 * admin sees and the next write of the connection carry where the org lives now, not where it lived at connect.
 */
@Singleton
final class PostgresCrmConnectionRepository implements CrmConnectionRepository {
    private static final String COLUMNS = "c.id, c.workspace_id, c.kind, c.state, c.state_reason, c.identity_email, "
            + "c.identity_org_name, c.identity_org_id, coalesce(t.instance_url, c.identity_instance) as identity_instance, "
            + "c.identity_user_id, c.settings::text as settings, c.mappings::text as mappings, c.created_at, "
            + "c.updated_at, c.readiness::text as readiness";
    private static final String FROM = " from crm_connections c left join crm_tokens t on t.workspace_id = "
            + "c.workspace_id and t.connection_id = c.id";

    private final Jdbc jdbc;
    private final TransactionOperations<Connection> transactions;

    PostgresCrmConnectionRepository(Jdbc jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void insert(CrmConnection connection) {
        ConnectionRow row = ConnectionMapper.toRow(connection);
        jdbc.update("insert into crm_connections (kind, state, state_reason, identity_email, identity_org_name, "
                + "identity_org_id, identity_instance, settings, mappings, created_at, updated_at, identity_user_id, "
                + "readiness, id, workspace_id) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?)", statement -> bind(statement, row));
    }

    /** The whole row, written only under the lock {@link #update(WorkspaceId, ConnectionId, java.util.function.Consumer)} holds. */
    private void write(CrmConnection connection) {
        ConnectionRow row = ConnectionMapper.toRow(connection);
        int updated = jdbc.update("update crm_connections set kind = ?, state = ?, state_reason = ?, identity_email = ?, "
                + "identity_org_name = ?, identity_org_id = ?, identity_instance = ?, settings = ?::jsonb, "
                + "mappings = ?::jsonb, created_at = ?, updated_at = ?, identity_user_id = ?, readiness = ?::jsonb "
                + "where id = ? and workspace_id = ?",
                statement -> bind(statement, row));
        if (updated != 1) {
            throw new IllegalStateException("connection " + connection.id() + " does not exist in its workspace");
        }
    }

    @Override
    public Optional<CrmConnection> update(WorkspaceId workspaceId, ConnectionId id,
                                          java.util.function.Consumer<CrmConnection> change) {
        // Its own transaction when the caller has none (it joins the caller's otherwise): without one, the lock would
        // end with the select and a concurrent writer's change could be overwritten after all.
        return transactions.executeWrite(status -> lockAndChange(workspaceId, id, change));
    }

    private Optional<CrmConnection> lockAndChange(WorkspaceId workspaceId, ConnectionId id,
                                                  java.util.function.Consumer<CrmConnection> change) {
        // "of c": the connection's row only (the token row of the join is the vault's to lock). "No key update", the
        // lock the update itself takes: it waits for another writer of the connection, but not for (nor blocks) the
        // foreign-key checks of rows that name the connection (deliveries, links, the pull schedule, the audit).
        Optional<CrmConnection> current = jdbc.one("select " + COLUMNS + FROM
                + " where c.workspace_id = ? and c.id = ? for no key update of c", statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, id.value());
                }, PostgresCrmConnectionRepository::read).map(ConnectionMapper::toDomain);
        current.ifPresent(connection -> {
            change.accept(connection);
            write(connection);
        });
        return current;
    }

    @Override
    public Optional<CrmConnection> find(WorkspaceId workspaceId, ConnectionId id) {
        return jdbc.one("select " + COLUMNS + FROM + " where c.workspace_id = ? and c.id = ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, id.value());
        }, PostgresCrmConnectionRepository::read).map(ConnectionMapper::toDomain);
    }

    @Override
    public List<CrmConnection> list(WorkspaceId workspaceId) {
        return jdbc.list("select " + COLUMNS + FROM + " where c.workspace_id = ? order by c.created_at, c.id",
                        statement -> statement.setObject(1, workspaceId.value()), PostgresCrmConnectionRepository::read)
                .stream().map(ConnectionMapper::toDomain).toList();
    }

    private static void bind(PreparedStatement statement, ConnectionRow row) throws SQLException {
        statement.setString(1, row.kind());
        statement.setString(2, row.state());
        statement.setString(3, row.stateReason());
        statement.setString(4, row.identityEmail());
        statement.setString(5, row.identityOrgName());
        statement.setString(6, row.identityOrgId());
        statement.setString(7, row.identityInstance());
        statement.setString(8, JsonColumn.write(row.settings()));
        statement.setString(9, JsonColumn.write(row.mappings()));
        statement.setObject(10, Jdbc.timestamp(row.createdAt()));
        statement.setObject(11, Jdbc.timestamp(row.updatedAt()));
        statement.setString(12, row.identityUserId());
        statement.setString(13, row.readiness() == null ? null : JsonColumn.write(row.readiness()));
        statement.setObject(14, row.id());
        statement.setObject(15, row.workspaceId());
    }

    private static ConnectionRow read(ResultSet row) throws SQLException {
        return new ConnectionRow(row.getObject("id", UUID.class), row.getObject("workspace_id", UUID.class),
                row.getString("kind"), row.getString("state"), row.getString("state_reason"),
                row.getString("identity_email"), row.getString("identity_org_name"), row.getString("identity_org_id"),
                row.getString("identity_instance"), row.getString("identity_user_id"),
                JsonColumn.read(row.getString("settings"), Argument.of(ConnectionRow.SettingsDocument.class)),
                JsonColumn.read(row.getString("mappings"), Argument.listOf(ConnectionRow.MappingDocument.class)),
                row.getString("readiness") == null ? null
                        : JsonColumn.read(row.getString("readiness"), Argument.listOf(ConnectionRow.ProblemDocument.class)),
                Jdbc.instant(row, "created_at"), Jdbc.instant(row, "updated_at"));
    }
}
