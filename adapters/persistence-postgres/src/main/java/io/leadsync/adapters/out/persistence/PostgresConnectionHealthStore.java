package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.health.SyncRound;
import io.leadsync.domain.health.SyncSignals;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Connection signals in PostgreSQL, one row per connection. A round is folded under the row's lock
 * ({@code FOR UPDATE}) in a transaction (the caller's, when it has one), so rounds that end at once on several nodes
 * all count.
 */
@Singleton
final class PostgresConnectionHealthStore implements ConnectionHealthStore {
    private static final String COLUMNS = "connection_id, push_last_at, push_ok_at, push_wrong_in_row, push_problem, "
            + "push_problem_at, pull_last_at, pull_ok_at, pull_wrong_in_row, pull_problem, pull_problem_at";
    /** A CRM's message can be long (a whole error page); the start says what went wrong. */
    private static final int PROBLEM_LENGTH = 1_000;

    private final Jdbc jdbc;
    private final TransactionBoundary transactions;

    PostgresConnectionHealthStore(Jdbc jdbc, TransactionBoundary transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void record(WorkspaceId workspaceId, ConnectionId connectionId, SyncRound round) {
        transactions.inTransaction(() -> {
            jdbc.update("insert into connection_health (connection_id, workspace_id) values (?, ?) "
                    + "on conflict (connection_id) do nothing", statement -> {
                statement.setObject(1, connectionId.value());
                statement.setObject(2, workspaceId.value());
            });
            SyncSignals current = jdbc.one("select " + COLUMNS + " from connection_health where connection_id = ? "
                    + "and workspace_id = ? for update", statement -> {
                statement.setObject(1, connectionId.value());
                statement.setObject(2, workspaceId.value());
            }, PostgresConnectionHealthStore::read).orElseThrow().getValue();
            SyncSignals next = current.after(round);
            jdbc.update("update connection_health set push_last_at = ?, push_ok_at = ?, push_wrong_in_row = ?, "
                    + "push_problem = ?, push_problem_at = ?, pull_last_at = ?, pull_ok_at = ?, pull_wrong_in_row = ?, "
                    + "pull_problem = ?, pull_problem_at = ? where connection_id = ?", statement -> {
                int i = bind(statement, 1, next.push());
                i = bind(statement, i, next.pull());
                statement.setObject(i, connectionId.value());
            });
            return null;
        });
    }

    @Override
    public Map<ConnectionId, SyncSignals> signals(WorkspaceId workspaceId) {
        List<Map.Entry<ConnectionId, SyncSignals>> rows = jdbc.list("select " + COLUMNS
                + " from connection_health where workspace_id = ?",
                statement -> statement.setObject(1, workspaceId.value()), PostgresConnectionHealthStore::read);
        Map<ConnectionId, SyncSignals> signals = new LinkedHashMap<>();
        rows.forEach(row -> signals.put(row.getKey(), row.getValue()));
        return signals;
    }

    private static int bind(java.sql.PreparedStatement statement, int from, SyncSignals.Track track)
            throws SQLException {
        statement.setObject(from, Jdbc.timestamp(track.lastAt().orElse(null)));
        statement.setObject(from + 1, Jdbc.timestamp(track.lastOkAt().orElse(null)));
        statement.setInt(from + 2, track.wrongInRow());
        statement.setString(from + 3, track.lastProblem().map(text -> text.length() > PROBLEM_LENGTH
                ? text.substring(0, PROBLEM_LENGTH) + "..." : text).orElse(null));
        statement.setObject(from + 4, Jdbc.timestamp(track.lastProblemAt().orElse(null)));
        return from + 5;
    }

    private static Map.Entry<ConnectionId, SyncSignals> read(ResultSet row) throws SQLException {
        return Map.entry(new ConnectionId(row.getObject("connection_id", UUID.class)),
                new SyncSignals(track(row, "push"), track(row, "pull")));
    }

    private static SyncSignals.Track track(ResultSet row, String prefix) throws SQLException {
        return new SyncSignals.Track(Optional.ofNullable(Jdbc.instant(row, prefix + "_last_at")),
                Optional.ofNullable(Jdbc.instant(row, prefix + "_ok_at")), row.getInt(prefix + "_wrong_in_row"),
                Optional.ofNullable(row.getString(prefix + "_problem")),
                Optional.ofNullable(Jdbc.instant(row, prefix + "_problem_at")));
    }
}
