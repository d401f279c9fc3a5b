package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.ActionLog;
import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tracked agent actions, and the facts about a target read from the deliveries, outbox and links tables. */
@Singleton
final class PostgresActionLog implements ActionLog {
    /** One target as stored in the action's targets column. */
    @Serdeable
    record TargetDocument(String connectionId, String kind) {
    }

    private static final Argument<List<TargetDocument>> TARGETS = Argument.listOf(TargetDocument.class);

    private final Jdbc jdbc;

    PostgresActionLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static final String RECORD = "insert into agent_actions (tracking_id, workspace_id, action, lead_id, "
            + "lead_version, changed, rule, targets, performed_at) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)";

    @Override
    public void record(TrackedAction action) {
        jdbc.update(RECORD, statement -> bindRecord(statement, action));
    }

    @Override
    public void recordAll(List<TrackedAction> actions) {
        jdbc.batch(RECORD, actions, PostgresActionLog::bindRecord);
    }

    private static void bindRecord(java.sql.PreparedStatement statement, TrackedAction action)
            throws java.sql.SQLException {
        statement.setObject(1, action.trackingId());
        statement.setObject(2, action.workspaceId().value());
        statement.setString(3, action.action().name());
        statement.setString(4, action.leadId().value());
        statement.setLong(5, action.leadVersion());
        statement.setBoolean(6, action.changed());
        statement.setString(7, action.rule());
        statement.setString(8, JsonColumn.write(action.targets().stream().map(target ->
                new TargetDocument(target.connectionId().value().toString(), target.kind().name())).toList()));
        statement.setObject(9, Jdbc.timestamp(action.at()));
    }

    @Override
    public Optional<TrackedAction> find(WorkspaceId workspaceId, UUID trackingId) {
        return jdbc.one("select tracking_id, workspace_id, action, lead_id, lead_version, changed, rule, "
                + "targets::text as targets, performed_at from agent_actions where workspace_id = ? and tracking_id = ?",
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, trackingId);
                }, PostgresActionLog::read);
    }

    @Override
    public TargetFacts facts(WorkspaceId workspaceId, LeadId leadId, long version, ConnectionId connectionId) {
        // One statement, so one snapshot: read one after the other, the queue could be read before the routing
        // committed (no entry yet) and the outbox after (routed), and the action read DELIVERED before anything was
        // sent (AgentWorkflowsIT saw it once under load).
        return jdbc.one("select o.routed, l.crm_record_id, " + PostgresDeliveryQueue.qualified("d")
                + " from (select 1) one "
                + "left join lateral (select routed_at is not null as routed from outbox where workspace_id = ? "
                + "and lead_id = ? and lead_version = ? limit 1) o on true "
                + "left join deliveries d on d.workspace_id = ? and d.connection_id = ? and d.lead_id = ? "
                + "left join crm_links l on l.workspace_id = ? and l.connection_id = ? and l.lead_id = ? "
                + "and not l.deleted_in_crm", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, leadId.value());
            statement.setLong(3, version);
            for (int at : new int[] {4, 7}) {
                statement.setObject(at, workspaceId.value());
                statement.setObject(at + 1, connectionId.value());
                statement.setString(at + 2, leadId.value());
            }
        }, row -> {
            Optional<io.leadsync.application.port.out.DeliveryQueue.Delivery> delivery =
                    row.getString("lead_id") == null ? Optional.empty() : Optional.of(PostgresDeliveryQueue.read(row));
            // No outbox entry (already cleaned up): the change was routed long ago.
            Object routed = row.getObject("routed");
            return new TargetFacts(delivery, routed == null || (Boolean) routed,
                    Optional.ofNullable(row.getString("crm_record_id")));
        }).orElseThrow();
    }

    @Override
    public int deleteBefore(java.time.Instant cutoff) {
        return jdbc.update("delete from agent_actions where performed_at < ?",
                statement -> statement.setObject(1, Jdbc.timestamp(cutoff)));
    }

    private static TrackedAction read(ResultSet row) throws SQLException {
        return new TrackedAction(row.getObject("tracking_id", UUID.class),
                new WorkspaceId(row.getObject("workspace_id", UUID.class)), AgentAction.valueOf(row.getString("action")),
                new LeadId(row.getString("lead_id")), row.getLong("lead_version"), row.getBoolean("changed"),
                row.getString("rule"), JsonColumn.read(row.getString("targets"), TARGETS).stream().map(target ->
                new Target(new ConnectionId(UUID.fromString(target.connectionId())), CrmKind.valueOf(target.kind())))
                .toList(), Jdbc.instant(row, "performed_at"));
    }
}
