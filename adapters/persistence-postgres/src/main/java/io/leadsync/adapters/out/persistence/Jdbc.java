package io.leadsync.adapters.out.persistence;

import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs hand-written SQL on the connection of the current transaction, or on a connection of its own outside one,
 * so every repository joins whatever {@link PostgresTransactionBoundary} opened.
 */
@Singleton
final class Jdbc {
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final ConnectionOperations<Connection> connections;

    Jdbc(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    <T> List<T> list(String sql, Binder binder, RowMapper<T> mapper) {
        // Not executeRead: a read-only connection would refuse the row locks of findForChange.
        return connections.executeWrite(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(sql)) {
                binder.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> result = new ArrayList<>();
                    while (rows.next()) {
                        result.add(mapper.map(rows));
                    }
                    return result;
                }
            } catch (SQLException e) {
                throw new DatabaseFailure("query failed", e);
            }
        });
    }

    <T> Optional<T> one(String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = list(sql, binder, mapper);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size());
        }
        return rows.stream().findFirst();
    }

    /** Runs an insert, update or delete and returns the number of rows it touched. */
    int update(String sql, Binder binder) {
        return connections.executeWrite(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw new DatabaseFailure("write failed", e);
            }
        });
    }

    @FunctionalInterface
    interface ItemBinder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /**
     * Runs one statement for every item as a JDBC batch (one round trip per batch rather than per item) and returns
     * each item's count of touched rows.
     */
    <T> int[] batch(String sql, List<T> items, ItemBinder<T> binder) {
        if (items.isEmpty()) {
            return new int[0];
        }
        return connections.executeWrite(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(sql)) {
                for (T item : items) {
                    binder.bind(statement, item);
                    statement.addBatch();
                }
                return statement.executeBatch();
            } catch (SQLException e) {
                throw new DatabaseFailure("batch write failed", e);
            }
        });
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
