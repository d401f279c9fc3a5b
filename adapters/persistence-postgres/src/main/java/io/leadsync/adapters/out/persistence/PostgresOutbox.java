package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.Outbox;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;

import io.leadsync.domain.crm.ConnectionId;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The outbox in PostgreSQL, ordered by a sequence so entries are delivered in the order they committed. */
@Singleton
final class PostgresOutbox implements Outbox {
    private static final Argument<List<OutboxMapper.ChangeDocument>> CHANGES =
            Argument.listOf(OutboxMapper.ChangeDocument.class);

    private final Jdbc jdbc;

    PostgresOutbox(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static final String APPEND = "insert into outbox (id, workspace_id, lead_id, lead_version, created, "
            + "changes, source_kind, source_ref, occurred_at, targets) values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)";

    @Override
    public void append(LeadChanged change) {
        jdbc.update(APPEND, statement -> bindAppend(statement, change));
    }

    @Override
    public void appendAll(List<LeadChanged> changes) {
        jdbc.batch(APPEND, changes, PostgresOutbox::bindAppend);
    }

    private static void bindAppend(java.sql.PreparedStatement statement, LeadChanged change)
            throws java.sql.SQLException {
        OutboxMapper.SourceColumns source = OutboxMapper.toColumns(change.source());
        statement.setObject(1, change.id());
        statement.setObject(2, change.workspaceId().value());
        statement.setString(3, change.leadId().value());
        statement.setLong(4, change.leadVersion());
        statement.setBoolean(5, change.created());
        statement.setString(6, JsonColumn.write(OutboxMapper.toDocuments(change.changes())));
        statement.setString(7, source.kind());
        statement.setString(8, source.ref());
        statement.setObject(9, Jdbc.timestamp(change.occurredAt()));
        statement.setArray(10, change.targets().isEmpty() ? null : statement.getConnection().createArrayOf(
                "uuid", change.targets().get().stream().map(ConnectionId::value).toArray()));
    }

    @Override
    public List<LeadChanged> forLead(WorkspaceId workspaceId, LeadId leadId) {
        return jdbc.list("select id, workspace_id, lead_id, lead_version, created, changes::text as changes, "
                + "source_kind, source_ref, occurred_at, targets from outbox where workspace_id = ? and lead_id = ? "
                + "order by position", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, leadId.value());
        }, PostgresOutbox::read);
    }

    @Override
    public List<LeadChanged> claimUnrouted(int limit) {
        // SKIP LOCKED: routers on other nodes take the next entries instead of waiting for these.
        return jdbc.list("select id, workspace_id, lead_id, lead_version, created, changes::text as changes, "
                + "source_kind, source_ref, occurred_at, targets from outbox where routed_at is null order by position "
                + "limit ? for update skip locked", statement -> statement.setInt(1, limit), PostgresOutbox::read);
    }

    @Override
    public void markRouted(List<UUID> changeIds, java.time.Instant at) {
        if (changeIds.isEmpty()) {
            return;
        }
        jdbc.update("update outbox set routed_at = ? where id = any (?)", statement -> {
            statement.setObject(1, Jdbc.timestamp(at));
            statement.setArray(2, statement.getConnection().createArrayOf("uuid", changeIds.toArray()));
        });
    }

    private static LeadChanged read(ResultSet row) throws SQLException {
        return new LeadChanged(row.getObject("id", UUID.class), new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                new LeadId(row.getString("lead_id")), row.getLong("lead_version"), row.getBoolean("created"),
                OutboxMapper.toChanges(JsonColumn.read(row.getString("changes"), CHANGES)),
                OutboxMapper.toSource(row.getString("source_kind"), row.getString("source_ref")),
                Jdbc.instant(row, "occurred_at"), targets(row.getArray("targets")));
    }

    private static Optional<Set<ConnectionId>> targets(Array column) throws SQLException {
        if (column == null) {
            return Optional.empty();
        }
        Set<ConnectionId> targets = new LinkedHashSet<>();
        for (Object id : (Object[]) column.getArray()) {
            targets.add(new ConnectionId((UUID) id));
        }
        return Optional.of(targets);
    }
}
