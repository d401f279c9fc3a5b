package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.ApiBudget;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The budgets in PostgreSQL, a row per connection and UTC day. A take is one conditional update: the row lock and
 * PostgreSQL's re-check of the condition on the latest row make two nodes taking at once never go past the
 * allocation or the pace.
 */
@Singleton
final class PostgresApiBudget implements ApiBudget {
    private static final String RETURNING = " returning day, used, allocation";

    private final Jdbc jdbc;

    PostgresApiBudget(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Take take(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, long allocation, int perSecond,
                     int calls) {
        ensureRow(workspaceId, connectionId, now, allocation);
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        Optional<Day> taken = jdbc.one("update api_budgets set used = used + ?, allocation = ?, "
                + "second_used = case when second_at = ? then second_used + ? else ? end, second_at = ? "
                + "where connection_id = ? and day = ? and workspace_id = ? and used + ? <= ? "
                + "and (second_at is distinct from ? or second_used + ? <= ?) and ? <= ?" + RETURNING, statement -> {
            statement.setLong(1, calls);
            statement.setLong(2, allocation);
            statement.setObject(3, Jdbc.timestamp(second));
            statement.setInt(4, calls);
            statement.setInt(5, calls);
            statement.setObject(6, Jdbc.timestamp(second));
            statement.setObject(7, connectionId.value());
            statement.setDate(8, Date.valueOf(ApiBudget.dayOf(now)));
            statement.setObject(9, workspaceId.value());
            statement.setLong(10, calls);
            statement.setLong(11, allocation);
            statement.setObject(12, Jdbc.timestamp(second));
            statement.setInt(13, calls);
            statement.setInt(14, perSecond);
            statement.setInt(15, calls);
            statement.setInt(16, perSecond);
        }, PostgresApiBudget::read);
        if (taken.isPresent()) {
            return new Take(Outcome.TAKEN, taken.get());
        }
        Day day = today(workspaceId, connectionId, now).orElseThrow();
        return new Take(day.used() + calls > allocation ? Outcome.DAY_SPENT : Outcome.TOO_FAST,
                new Day(day.day(), day.used(), allocation));
    }

    @Override
    public Day adjust(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, long allocation, long delta) {
        ensureRow(workspaceId, connectionId, now, allocation);
        return jdbc.one("update api_budgets set used = greatest(0, used + ?), allocation = ? where connection_id = ? "
                + "and day = ? and workspace_id = ?" + RETURNING, statement -> {
            statement.setLong(1, delta);
            statement.setLong(2, allocation);
            bindRow(statement, 3, workspaceId, connectionId, now);
        }, PostgresApiBudget::read).orElseThrow();
    }

    @Override
    public Day believeCrm(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, long allocation,
                          long remaining) {
        ensureRow(workspaceId, connectionId, now, allocation);
        return jdbc.one("update api_budgets set used = greatest(used, ? - ?), allocation = ? where connection_id = ? "
                + "and day = ? and workspace_id = ?" + RETURNING, statement -> {
            statement.setLong(1, allocation);
            statement.setLong(2, remaining);
            statement.setLong(3, allocation);
            bindRow(statement, 4, workspaceId, connectionId, now);
        }, PostgresApiBudget::read).orElseThrow();
    }

    @Override
    public Optional<Day> today(WorkspaceId workspaceId, ConnectionId connectionId, Instant now) {
        return jdbc.one("select day, used, allocation from api_budgets where connection_id = ? and day = ? "
                + "and workspace_id = ?", statement -> bindRow(statement, 1, workspaceId, connectionId, now),
                PostgresApiBudget::read);
    }

    /** The day's row, empty, the first time the connection calls on it. */
    private void ensureRow(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, long allocation) {
        jdbc.update("insert into api_budgets (connection_id, day, workspace_id, allocation) values (?, ?, ?, ?) "
                + "on conflict (connection_id, day) do nothing", statement -> {
            statement.setObject(1, connectionId.value());
            statement.setDate(2, Date.valueOf(ApiBudget.dayOf(now)));
            statement.setObject(3, workspaceId.value());
            statement.setLong(4, allocation);
        });
    }

    private static void bindRow(java.sql.PreparedStatement statement, int first, WorkspaceId workspaceId,
                                ConnectionId connectionId, Instant now) throws SQLException {
        statement.setObject(first, connectionId.value());
        statement.setDate(first + 1, Date.valueOf(ApiBudget.dayOf(now)));
        statement.setObject(first + 2, workspaceId.value());
    }

    private static Day read(ResultSet row) throws SQLException {
        return new Day(row.getDate("day").toLocalDate(), row.getLong("used"), row.getLong("allocation"));
    }
}
