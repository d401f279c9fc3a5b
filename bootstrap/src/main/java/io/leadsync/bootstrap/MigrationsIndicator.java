package io.leadsync.bootstrap;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Part of {@code /health/readiness}: the database answers and its schema is migrated (Flyway's history has the
 * migrations and none failed). Flyway runs before the HTTP server starts, so a node that answers ready runs on the
 * schema it was built for; a failed migration on a shared database keeps every node out of the load balancer.
 */
@Singleton
@Readiness
final class MigrationsIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final DataSource dataSource;

    MigrationsIndicator(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        // The bean is Micronaut Data's connection-managed proxy, usable only inside a connection scope; a probe
        // runs outside any, so it takes the pool itself, as the JDBC indicator does.
        this.dataSource = (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource);
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select count(*) filter (where not success) as failed, "
                     + "count(*) filter (where success) as applied, (select version from flyway_schema_history "
                     + "where success and version is not null order by installed_rank desc limit 1) as version "
                     + "from flyway_schema_history")) {
            row.next();
            long failed = row.getLong("failed");
            long applied = row.getLong("applied");
            details.put("schemaVersion", row.getString("version"));
            details.put("applied", applied);
            details.put("failed", failed);
            healthStatus = failed == 0 && applied > 0 ? HealthStatus.UP : HealthStatus.DOWN;
        } catch (SQLException e) {
            // No secret in the answer: the class of the failure, not its message (which may name the server).
            details.put("error", e.getClass().getSimpleName());
            healthStatus = HealthStatus.DOWN;
        }
        return details;
    }

    /** The status the last look found. */
    HealthStatus status() {
        return healthStatus;
    }

    @Override
    protected String getName() {
        return "migrations";
    }
}
