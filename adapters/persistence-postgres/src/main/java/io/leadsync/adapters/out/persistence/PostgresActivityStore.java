package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.ActivityStore;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.Activity;
import io.leadsync.domain.lead.ActivityType;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Activities and their deliveries in PostgreSQL; deliveries are claimed with {@code FOR UPDATE SKIP LOCKED} leases. */
@Singleton
final class PostgresActivityStore implements ActivityStore {
    private final Jdbc jdbc;

    PostgresActivityStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Activity activity, List<ConnectionId> targets, Instant dueAt) {
        jdbc.update("insert into activities (workspace_id, id, lead_id, type, subject, body, occurred_at, logged_at, "
                + "logged_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setObject(1, activity.workspaceId().value());
            statement.setObject(2, activity.id());
            statement.setString(3, activity.leadId().value());
            statement.setString(4, activity.type().name());
            statement.setString(5, activity.subject());
            statement.setString(6, activity.body().orElse(null));
            statement.setObject(7, Jdbc.timestamp(activity.occurredAt()));
            statement.setObject(8, Jdbc.timestamp(activity.loggedAt()));
            statement.setString(9, activity.loggedBy());
        });
        for (ConnectionId target : targets) {
            jdbc.update("insert into activity_deliveries (workspace_id, activity_id, connection_id, state, due_at) "
                    + "values (?, ?, ?, 'PENDING', ?)", statement -> {
                statement.setObject(1, activity.workspaceId().value());
                statement.setObject(2, activity.id());
                statement.setObject(3, target.value());
                statement.setObject(4, Jdbc.timestamp(dueAt));
            });
        }
    }

    @Override
    public List<Claimed> claimDue(Instant now, String node, Instant leaseUntil, int limit) {
        return jdbc.list("with due as (select workspace_id, activity_id, connection_id from activity_deliveries "
                + "where state = 'PENDING' and due_at <= ? and (claimed_until is null or claimed_until <= ?) "
                + "order by due_at limit ? for update skip locked) "
                + "update activity_deliveries d set claimed_by = ?, claimed_until = ? from due, activities a "
                + "where d.workspace_id = due.workspace_id and d.activity_id = due.activity_id "
                + "and d.connection_id = due.connection_id and a.workspace_id = d.workspace_id "
                + "and a.id = d.activity_id returning a.*, d.connection_id, d.attempts", statement -> {
            statement.setObject(1, Jdbc.timestamp(now));
            statement.setObject(2, Jdbc.timestamp(now));
            statement.setInt(3, limit);
            statement.setString(4, node);
            statement.setObject(5, Jdbc.timestamp(leaseUntil));
        }, row -> new Claimed(activity(row), new ConnectionId(row.getObject("connection_id", UUID.class)),
                row.getInt("attempts")));
    }

    @Override
    public void delivered(Claimed delivery, String crmRecordId, Instant now) {
        close(delivery, State.DELIVERED, crmRecordId, null);
    }

    @Override
    public void retryLater(Claimed delivery, String reason, Instant dueAt, boolean countsAsAttempt) {
        jdbc.update("update activity_deliveries set due_at = ?, last_error = ?, attempts = attempts + ?, "
                + "claimed_by = null, claimed_until = null where workspace_id = ? and activity_id = ? "
                + "and connection_id = ?", statement -> {
            statement.setObject(1, Jdbc.timestamp(dueAt));
            statement.setString(2, reason);
            statement.setInt(3, countsAsAttempt ? 1 : 0);
            statement.setObject(4, delivery.activity().workspaceId().value());
            statement.setObject(5, delivery.activity().id());
            statement.setObject(6, delivery.connectionId().value());
        });
    }

    @Override
    public void giveUp(Claimed delivery, State state, String reason, Instant now) {
        close(delivery, state, null, reason);
    }

    private void close(Claimed delivery, State state, String crmRecordId, String reason) {
        jdbc.update("update activity_deliveries set state = ?, crm_record_id = ?, last_error = ?, "
                + "attempts = attempts + ?, claimed_by = null, claimed_until = null where workspace_id = ? "
                + "and activity_id = ? and connection_id = ?", statement -> {
            statement.setString(1, state.name());
            statement.setString(2, crmRecordId);
            statement.setString(3, reason);
            statement.setInt(4, state == State.SKIPPED ? 0 : 1);
            statement.setObject(5, delivery.activity().workspaceId().value());
            statement.setObject(6, delivery.activity().id());
            statement.setObject(7, delivery.connectionId().value());
        });
    }

    @Override
    public List<Logged> forLead(WorkspaceId workspaceId, LeadId leadId) {
        record Row(Activity activity, Optional<Target> target) {
        }
        List<Row> rows = jdbc.list("select a.*, d.connection_id, d.state, d.attempts, d.due_at, d.crm_record_id, "
                + "d.last_error from activities a left join activity_deliveries d on d.workspace_id = a.workspace_id "
                + "and d.activity_id = a.id where a.workspace_id = ? and a.lead_id = ? "
                + "order by a.logged_at desc, a.id, d.connection_id", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, leadId.value());
        }, row -> new Row(activity(row), row.getObject("connection_id", UUID.class) == null ? Optional.empty()
                : Optional.of(new Target(new ConnectionId(row.getObject("connection_id", UUID.class)),
                State.valueOf(row.getString("state")), row.getInt("attempts"), Jdbc.instant(row, "due_at"),
                Optional.ofNullable(row.getString("crm_record_id")), Optional.ofNullable(row.getString("last_error"))))));
        Map<UUID, Activity> activities = new LinkedHashMap<>();
        Map<UUID, List<Target>> targets = new LinkedHashMap<>();
        for (Row row : rows) {
            activities.putIfAbsent(row.activity().id(), row.activity());
            List<Target> of = targets.computeIfAbsent(row.activity().id(), id -> new ArrayList<>());
            row.target().ifPresent(of::add);
        }
        return activities.values().stream().map(a -> new Logged(a, targets.get(a.id()))).toList();
    }

    private static Activity activity(ResultSet row) throws SQLException {
        return new Activity(row.getObject("id", UUID.class), new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                new LeadId(row.getString("lead_id")), ActivityType.valueOf(row.getString("type")),
                row.getString("subject"), Optional.ofNullable(row.getString("body")), Jdbc.instant(row, "occurred_at"),
                Jdbc.instant(row, "logged_at"), row.getString("logged_by"));
    }
}
