package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The pull schedule in PostgreSQL; claims take due rows with {@code FOR UPDATE SKIP LOCKED} and stamp a lease. */
@Singleton
final class PostgresPullSchedule implements PullSchedule {
    private static final String RETURNING = " returning workspace_id, connection_id, watermark_at, watermark_id, "
            + "deletions_checked_to, deletions_resume";

    private final Jdbc jdbc;

    PostgresPullSchedule(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Due> claimDue(Instant now, String node, Instant leaseUntil, int limit) {
        // A connection that syncs and can be pulled gets its row (due at once) the first time anyone looks.
        jdbc.update("insert into pull_schedule (connection_id, workspace_id, next_pull_at) select id, workspace_id, ? "
                + "from crm_connections where state = 'CONNECTED' and kind in ('SALESFORCE', 'HUBSPOT') "
                + "on conflict (connection_id) do nothing", statement -> statement.setObject(1, Jdbc.timestamp(now)));
        return jdbc.list("update pull_schedule set claimed_by = ?, claimed_until = ? where connection_id in ("
                + "select p.connection_id from pull_schedule p join crm_connections c on c.id = p.connection_id "
                + "where c.state = 'CONNECTED' and p.next_pull_at <= ? and (p.claimed_until is null or "
                + "p.claimed_until <= ?) order by p.next_pull_at limit ? for update of p skip locked)" + RETURNING,
                statement -> {
                    statement.setString(1, node);
                    statement.setObject(2, Jdbc.timestamp(leaseUntil));
                    statement.setObject(3, Jdbc.timestamp(now));
                    statement.setObject(4, Jdbc.timestamp(now));
                    statement.setInt(5, limit);
                }, PostgresPullSchedule::read);
    }

    @Override
    public Optional<Due> claimNow(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, String node,
                                  Instant leaseUntil) {
        jdbc.update("insert into pull_schedule (connection_id, workspace_id, next_pull_at) values (?, ?, ?) "
                + "on conflict (connection_id) do nothing", statement -> {
            statement.setObject(1, connectionId.value());
            statement.setObject(2, workspaceId.value());
            statement.setObject(3, Jdbc.timestamp(now));
        });
        return jdbc.one("update pull_schedule set claimed_by = ?, claimed_until = ? where connection_id = ? "
                + "and workspace_id = ? and (claimed_until is null or claimed_until <= ?)" + RETURNING, statement -> {
            statement.setString(1, node);
            statement.setObject(2, Jdbc.timestamp(leaseUntil));
            statement.setObject(3, connectionId.value());
            statement.setObject(4, workspaceId.value());
            statement.setObject(5, Jdbc.timestamp(now));
        }, PostgresPullSchedule::read);
    }

    @Override
    public void pullBy(WorkspaceId workspaceId, ConnectionId connectionId, Instant latest) {
        jdbc.update("update pull_schedule set next_pull_at = least(next_pull_at, ?) where connection_id = ? "
                + "and workspace_id = ?", statement -> {
            statement.setObject(1, Jdbc.timestamp(latest));
            statement.setObject(2, connectionId.value());
            statement.setObject(3, workspaceId.value());
        });
    }

    @Override
    public void checkpoint(WorkspaceId workspaceId, ConnectionId connectionId, Watermark watermark) {
        jdbc.update("update pull_schedule set watermark_at = ?, watermark_id = ? where connection_id = ? "
                + "and workspace_id = ?", statement -> {
            statement.setObject(1, Jdbc.timestamp(watermark.modifiedAt()));
            statement.setString(2, watermark.recordId());
            statement.setObject(3, connectionId.value());
            statement.setObject(4, workspaceId.value());
        });
    }

    @Override
    public void startOver(WorkspaceId workspaceId, ConnectionId connectionId) {
        jdbc.update("update pull_schedule set watermark_at = null, watermark_id = null, deletions_checked_to = null "
                + "where connection_id = ? and workspace_id = ?", statement -> {
            statement.setObject(1, connectionId.value());
            statement.setObject(2, workspaceId.value());
        });
    }

    @Override
    public void finished(WorkspaceId workspaceId, ConnectionId connectionId, Instant nextPullAt,
                         Optional<Instant> deletionsCheckedUntil, Optional<String> deletionsResume) {
        // The scan's position moves only with a scan that ran (its "checked until" is given).
        jdbc.update("update pull_schedule set next_pull_at = ?, claimed_by = null, claimed_until = null, "
                + "deletions_resume = case when cast(? as timestamptz) is null then deletions_resume else ? end, "
                + "deletions_checked_to = coalesce(cast(? as timestamptz), deletions_checked_to) where connection_id = ? "
                + "and workspace_id = ?", statement -> {
            statement.setObject(1, Jdbc.timestamp(nextPullAt));
            statement.setObject(2, Jdbc.timestamp(deletionsCheckedUntil.orElse(null)));
            statement.setString(3, deletionsResume.orElse(null));
            statement.setObject(4, Jdbc.timestamp(deletionsCheckedUntil.orElse(null)));
            statement.setObject(5, connectionId.value());
            statement.setObject(6, workspaceId.value());
        });
    }

    private static Due read(ResultSet row) throws SQLException {
        Instant at = Jdbc.instant(row, "watermark_at");
        return new Due(new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                new ConnectionId(row.getObject("connection_id", UUID.class)),
                at == null ? Optional.empty() : Optional.of(new Watermark(at, row.getString("watermark_id"))),
                Optional.ofNullable(Jdbc.instant(row, "deletions_checked_to")),
                Optional.ofNullable(row.getString("deletions_resume")));
    }
}
