package io.leadsync.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole LeadSync, as {@code java -jar leadsync.jar} runs it, on an embedded PostgreSQL whose data lives in a
 * directory the test chooses, so a test can stop it and start it again on the same data.
 */
final class RunningLeadSync implements AutoCloseable {
    private final EmbeddedDatabase database;
    private final EmbeddedServer server;
    /** False for a node of a cluster: the database is shared, and outlives the node. */
    private final boolean ownsDatabase;

    private RunningLeadSync(EmbeddedDatabase database, EmbeddedServer server, boolean ownsDatabase) {
        this.database = database;
        this.server = server;
        this.ownsDatabase = ownsDatabase;
    }

    static RunningLeadSync start(Path home, Map<String, Object> extraProperties) {
        return start(home, extraProperties, new Object[0]);
    }

    /** With beans the test made itself, taking the place of LeadSync's own (a DNS resolver it controls, say). */
    static RunningLeadSync start(Path home, Map<String, Object> extraProperties, Object... singletons) {
        EmbeddedDatabase database = EmbeddedDatabase.startPersistent(home.resolve("postgres"));
        withoutFsync(database);
        Map<String, Object> properties = new HashMap<>(database.datasourceProperties());
        properties.put("micronaut.server.port", -1);
        properties.put("leadsync.crypto.demo-key-file", home.resolve("master.key").toString());
        // Tests that count CRM calls drive syncs themselves; the background worker is on only where a test says so.
        properties.put("leadsync.sync.worker.enabled", false);
        properties.putAll(extraProperties);
        try {
            ApplicationContext context = ApplicationContext.builder().properties(properties).singletons(singletons)
                    .start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            return new RunningLeadSync(database, server, true);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * LeadSync's own database flushes every commit to disk (EmbeddedDatabaseIT checks it), which only matters when the
     * machine itself goes down. No test here survives a power cut, and on a busy 2-core build machine the flushes of
     * ~90 migrations and every commit cost seconds per class: the test database leaves them to the page cache (commits
     * still reach it before they are acknowledged, so a stopped or killed process loses nothing).
     */
    private static void withoutFsync(EmbeddedDatabase database) {
        try (Connection connection = connect(database); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("alter system set fsync = off");
            statement.execute("alter system set full_page_writes = off");
            statement.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            database.close();
            throw new IllegalStateException("could not tune the test database", e);
        }
    }

    private static Connection connect(EmbeddedDatabase database) throws SQLException {
        Map<String, Object> properties = database.datasourceProperties();
        return DriverManager.getConnection((String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"),
                (String) properties.get("datasources.default.password"));
    }

    /**
     * One node of several on a database they share, as a cluster runs LeadSync: its own HTTP port and context, the
     * master key in {@code home} (so nodes read each other's encrypted tokens). Closing it leaves the database running.
     */
    static RunningLeadSync startNode(EmbeddedDatabase shared, Path home, Map<String, Object> extraProperties) {
        Map<String, Object> properties = new HashMap<>(shared.datasourceProperties());
        properties.put("micronaut.server.port", -1);
        properties.put("leadsync.crypto.demo-key-file", home.resolve("master.key").toString());
        properties.put("leadsync.sync.worker.enabled", false);
        properties.putAll(extraProperties);
        return new RunningLeadSync(shared, ApplicationContext.run(EmbeddedServer.class, properties), false);
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** A plain JDBC connection to LeadSync's database, for tests that check what was (not) written. */
    Connection openDatabaseConnection() throws SQLException {
        return connect(database);
    }

    String url() {
        return server.getURL().toString();
    }

    @Override
    public void close() {
        server.stop();
        if (ownsDatabase) {
            database.close();
        }
    }
}
