package io.leadsync.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/** Starts LeadSync: the database first (embedded unless one is configured), then the Micronaut application. */
public final class LeadSyncApplication {
    private static final Logger LOG = LoggerFactory.getLogger(LeadSyncApplication.class);

    private LeadSyncApplication() {
    }

    public static void main(String[] args) {
        DatabaseSettings settings = DatabaseSettings.from(System.getenv());
        Map<String, Object> properties = new HashMap<>();
        EmbeddedDatabase embedded = null;
        if (settings.embedded()) {
            embedded = EmbeddedDatabase.startPersistent(settings.embeddedDataDirectory());
            properties.putAll(embedded.datasourceProperties());
        } else {
            LOG.info("Using the PostgreSQL database at {}", settings.url().orElseThrow());
            properties.put("datasources.default.url", settings.url().orElseThrow());
            properties.put("datasources.default.username", settings.user());
            properties.put("datasources.default.password", settings.password());
        }
        ApplicationContext context;
        try {
            context = Micronaut.build(args).mainClass(LeadSyncApplication.class).properties(properties).start();
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        EmbeddedDatabase database = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Stop the application before its database, so in-flight work commits or rolls back cleanly.
            if (context.isRunning()) {
                context.stop();
            }
            if (database != null) {
                database.close();
            }
        }, "leadsync-shutdown"));
    }
}
