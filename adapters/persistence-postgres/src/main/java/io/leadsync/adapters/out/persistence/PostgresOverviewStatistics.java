package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.OverviewStatistics;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Overview's figures (ADR 0066): captured leads from {@code leads}, delivered and refused ones from the audit of
 * each push (distinct leads per bucket), calls from {@code api_budgets}, levels from {@code overview_samples}; bucketed in UTC by PostgreSQL.
 */
@Singleton
final class PostgresOverviewStatistics implements OverviewStatistics {
    /** The audit actions a push writes per lead: taken by the CRM, or refused (to be retried, or for good). */
    private static final String DELIVERED = "'lead.pushed'";
    private static final String FAILED = "'lead.push-retry', 'lead.delivery-failed', 'lead.push-failed'";

    private final Jdbc jdbc;

    PostgresOverviewStatistics(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Count> counts(WorkspaceId workspaceId, Instant from, ChronoUnit unit) {
        String field = unit == ChronoUnit.DAYS ? "day" : "hour";
        String bucket = "date_trunc('" + field + "', %s at time zone 'UTC') at time zone 'UTC'";
        List<Count> counts = new ArrayList<>(jdbc.list("select " + bucket.formatted("created_at")
                + " as bucket, count(*) as n from leads where workspace_id = ? and created_at >= ? group by 1",
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, Jdbc.timestamp(from));
                }, row -> new Count(Measure.CAPTURED, Optional.empty(), Jdbc.instant(row, "bucket"),
                        row.getLong("n"))));
        counts.addAll(jdbc.list("select case when action in (" + DELIVERED + ") then 'DELIVERED' else 'FAILED' end"
                + " as measure, connection_id, " + bucket.formatted("occurred_at") + " as bucket,"
                // Leads, not pushes: a lead sent again by "sync now" or retried twice in an hour counts once there.
                + " count(distinct coalesce(lead_id, id::text)) as n"
                + " from audit_log where workspace_id = ? and occurred_at >= ? and connection_id is not null"
                + " and action in (" + DELIVERED + ", " + FAILED + ") group by 1, 2, 3", statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, Jdbc.timestamp(from));
                }, row -> new Count(Measure.valueOf(row.getString("measure")),
                        Optional.of(row.getObject("connection_id", UUID.class)), Jdbc.instant(row, "bucket"),
                        row.getLong("n"))));
        return counts;
    }

    @Override
    public void recordSample(Sample sample) {
        jdbc.update("insert into overview_samples (connection_id, hour, workspace_id, oldest_wait_seconds, waiting,"
                + " calls_used, calls_allowed) values (?, ?, ?, ?, ?, ?, ?) on conflict (connection_id, hour) do update"
                + " set oldest_wait_seconds = greatest(overview_samples.oldest_wait_seconds,"
                + " excluded.oldest_wait_seconds), waiting = greatest(overview_samples.waiting, excluded.waiting),"
                + " calls_used = greatest(overview_samples.calls_used, excluded.calls_used),"
                + " calls_allowed = excluded.calls_allowed", statement -> {
                    statement.setObject(1, sample.connectionId().value());
                    statement.setObject(2, Jdbc.timestamp(sample.at().truncatedTo(ChronoUnit.HOURS)));
                    statement.setObject(3, sample.workspaceId().value());
                    statement.setLong(4, sample.oldestWaitSeconds());
                    statement.setLong(5, sample.waiting());
                    statement.setLong(6, sample.callsUsedToday());
                    statement.setLong(7, sample.dailyAllocation());
                });
    }

    @Override
    public List<Sample> samples(WorkspaceId workspaceId, Instant from) {
        return jdbc.list("select connection_id, hour, oldest_wait_seconds, waiting, calls_used, calls_allowed"
                + " from overview_samples where workspace_id = ? and hour >= ? order by hour", statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, Jdbc.timestamp(from));
                }, row -> new Sample(workspaceId, new ConnectionId(row.getObject("connection_id", UUID.class)),
                        Jdbc.instant(row, "hour"), row.getLong("oldest_wait_seconds"), row.getLong("waiting"),
                        row.getLong("calls_used"), row.getLong("calls_allowed")));
    }

    @Override
    public List<DailyCalls> dailyCalls(WorkspaceId workspaceId, LocalDate from) {
        return jdbc.list("select connection_id, day, used, allocation from api_budgets where workspace_id = ?"
                + " and day >= ? order by day", statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, from);
                }, row -> new DailyCalls(new ConnectionId(row.getObject("connection_id", UUID.class)),
                        row.getObject("day", LocalDate.class), row.getLong("used"), row.getLong("allocation")));
    }

    @Override
    public int forgetSamplesBefore(Instant before) {
        return jdbc.update("delete from overview_samples where hour < ?",
                statement -> statement.setObject(1, Jdbc.timestamp(before)));
    }
}
