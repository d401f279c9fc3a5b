package io.leadsync.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the resilience suite (issue 8) shares: its size, and the scans for secrets in clear.
 *
 * <p>{@code ./mvnw -B verify} runs the SHORT suite (scaled down to add about three minutes); {@code -Dresilience=full}
 * runs the sizes of the issue. See docs/RELIABILITY.md.
 */
final class Resilience {
    private Resilience() {
    }

    static boolean full() {
        return "full".equalsIgnoreCase(System.getProperty("resilience", "short"));
    }

    /** The short size in the default build, the full one with {@code -Dresilience=full}. */
    static int size(int shortSize, int fullSize) {
        return full() ? fullSize : shortSize;
    }

    /**
     * Every table of the public schema, each row as PostgreSQL's text form of the whole row (every column, JSON and
     * encrypted ones included), searched for each secret: the tables and secrets found, empty when none.
     */
    static List<String> secretsInDatabase(Connection sql, Collection<String> secrets) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = sql.createStatement(); ResultSet rows = statement.executeQuery(
                "select table_name from information_schema.tables where table_schema = 'public' "
                        + "and table_type = 'BASE TABLE'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        Set<String> found = new TreeSet<>();
        for (String table : tables) {
            try (Statement statement = sql.createStatement();
                 ResultSet rows = statement.executeQuery("select t::text from \"" + table + "\" t")) {
                while (rows.next()) {
                    String row = rows.getString(1);
                    for (String secret : secrets) {
                        if (row.contains(secret)) {
                            found.add(table + ": " + abbreviate(secret));
                        }
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    static List<String> secretsIn(Collection<String> lines, Collection<String> secrets) {
        Set<String> found = new TreeSet<>();
        for (String line : lines) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    found.add(abbreviate(secret) + " in: " + abbreviate(line));
                }
            }
        }
        return List.copyOf(found);
    }

    /** Enough of a secret to recognise it in a failure message, not enough to use it. */
    static String abbreviate(String text) {
        return text.length() <= 12 ? text.substring(0, Math.min(4, text.length())) + "..."
                : text.substring(0, 8) + "...(" + text.length() + " chars)";
    }

    /**
     * Every log event of this JVM, at DEBUG and up, formatted with its exception chain, for the secrets scan. The
     * console appender keeps its INFO threshold, so the build output does not grow.
     */
    static final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final Level previous;

        LogCapture() {
            previous = root.getLevel();
            setContext(root.getLoggerContext());
            start();
            root.addAppender(this);
            root.setLevel(Level.DEBUG);
        }

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
            }
            lines.add(line.toString());
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            root.detachAppender(this);
            root.setLevel(previous);
            stop();
        }
    }
}
