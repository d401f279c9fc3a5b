package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.application.port.out.contract.StoragePorts;
import io.micronaut.context.ApplicationContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * One real PostgreSQL (an embedded binary) and one Micronaut context with the persistence adapter for the whole
 * test JVM, started on first use; each test gets it back emptied.
 */
final class PostgresStorage {
    private static EmbeddedPostgres postgres;
    private static ApplicationContext context;

    private PostgresStorage() {
    }

    static synchronized ApplicationContext context() {
        if (context == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            context = ApplicationContext.run(Map.of(
                    "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                    "datasources.default.username", "postgres",
                    "datasources.default.password", "",
                    "datasources.default.driver-class-name", "org.postgresql.Driver",
                    "datasources.default.dialect", "POSTGRES",
                    "flyway.datasources.default.enabled", true));
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresStorage::stop, "stop-test-postgres"));
        }
        return context;
    }

    /** Every storage port on PostgreSQL, with all tables emptied. */
    static StoragePorts empty() {
        ApplicationContext context = context();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            // Every table but Flyway's, so a new migration's table is emptied without touching this list.
            statement.execute("""
                    do $$ declare tables text; begin
                      select string_agg(format('%I', tablename), ', ') into tables from pg_tables
                       where schemaname = current_schema() and tablename <> 'flyway_schema_history';
                      if tables is not null then execute 'truncate ' || tables || ' cascade'; end if;
                    end $$""");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the test database", e);
        }
        return new StoragePorts(context.getBean(WorkspaceRepository.class), context.getBean(ApiKeyRepository.class),
                context.getBean(LeadRepository.class), context.getBean(CrmConnectionRepository.class),
                context.getBean(CrmLinkRepository.class), context.getBean(Outbox.class), context.getBean(AuditLog.class),
                context.getBean(TransactionBoundary.class), context.getBean(TokenVault.class),
                context.getBean(PendingConnectRepository.class), context.getBean(DeliveryQueue.class),
                context.getBean(PullSchedule.class));
    }

    /** Counts the rows of a table, straight from the database. */
    static long rows(String table) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             var result = statement.executeQuery("select count(*) from " + table)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement straight on the database, as an operator's psql would; its error is thrown as it is. */
    static void execute(String sql) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** How many sessions are waiting for a lock right now, straight from the database. */
    static long waitingForLocks() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             var result = statement.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every text value of one column, straight from the database. */
    static java.util.List<String> texts(String table, String column) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             var result = statement.executeQuery("select " + column + " from " + table)) {
            java.util.List<String> values = new java.util.ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stop() {
        try {
            context.close();
            postgres.close();
        } catch (IOException | RuntimeException ignored) {
            // The JVM is exiting; nothing is left to clean up for.
        }
    }
}
