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

    private RunningLeadSync(EmbeddedDatabase database, EmbeddedServer server) {
        this.database = database;
        this.server = server;
    }

    static RunningLeadSync start(Path home, Map<String, Object> extraProperties) {
        EmbeddedDatabase database = EmbeddedDatabase.startPersistent(home.resolve("postgres"));
        Map<String, Object> properties = new HashMap<>(database.datasourceProperties());
        properties.put("micronaut.server.port", -1);
        properties.put("leadsync.crypto.demo-key-file", home.resolve("master.key").toString());
        // Tests that count CRM calls drive syncs themselves; the background worker is on only where a test says so.
        properties.put("leadsync.sync.worker.enabled", false);
        properties.putAll(extraProperties);
        try {
            return new RunningLeadSync(database, ApplicationContext.run(EmbeddedServer.class, properties));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** A plain JDBC connection to LeadSync's database, for tests that check what was (not) written. */
    Connection openDatabaseConnection() throws SQLException {
        Map<String, Object> properties = database.datasourceProperties();
        return DriverManager.getConnection((String) properties.get("datasources.default.url"),
                (String) properties.get("datasources.default.username"),
                (String) properties.get("datasources.default.password"));
    }

    String url() {
        return server.getURL().toString();
    }

    @Override
    public void close() {
        server.stop();
        database.close();
    }
}
