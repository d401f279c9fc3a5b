package io.leadsync.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole LeadSync, as {@code java -jar leadsync.jar} runs it, on an embedded PostgreSQL whose data lives in a
 * directory the test chooses, so a test can stop it and start it again on the same data.
 */
final class RunningLeadSync implements AutoCloseable {
    /** The migrated, empty data directory new LeadSyncs start from (see {@link #copyTemplate}). */
    private static Path template;
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
        Path data = home.resolve("postgres");
        if (!Files.exists(data)) {
            copyTemplate(data);
        }
        EmbeddedDatabase database = EmbeddedDatabase.startPersistent(data);
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

    /**
     * A new LeadSync's data directory starts as a copy of one made (initdb, then every migration) once per test JVM:
     * about thirty test classes each paid a few seconds for the same empty, migrated database. LeadSync still runs
     * Flyway at start and finds the schema up to date; a restart on the same home reuses its own directory.
     */
    private static synchronized void copyTemplate(Path data) {
        try {
            if (template == null) {
                Path made = Files.createTempDirectory("leadsync-test-database");
                try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(made.resolve("postgres"))) {
                    withoutFsync(database);
                    Map<String, Object> properties = database.datasourceProperties();
                    Flyway.configure().dataSource((String) properties.get("datasources.default.url"),
                            (String) properties.get("datasources.default.username"),
                            (String) properties.get("datasources.default.password")).load().migrate();
                }
                template = made;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(made)));
            }
            copy(template.resolve("postgres"), data);
            Files.copy(EmbeddedDatabase.passwordFile(template.resolve("postgres")), EmbeddedDatabase.passwordFile(data),
                    StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the test database", e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void delete(Path tree) {
        try (Stream<Path> files = Files.walk(tree)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind.
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
