package io.leadsync.adapters.out.persistence;

/**
 * The database failed in a way no caller can handle (it is down, a statement is wrong). Carries the SQL state for
 * the log, never the statement's parameters, which may hold personal data.
 */
final class DatabaseFailure extends RuntimeException {
    private final String sqlState;

    DatabaseFailure(String message, java.sql.SQLException cause) {
        super(message + " (SQL state " + cause.getSQLState() + ")", cause);
        this.sqlState = cause.getSQLState();
    }

    String sqlState() {
        return sqlState;
    }

    /** A unique or primary key constraint refused the write. */
    boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }
}
