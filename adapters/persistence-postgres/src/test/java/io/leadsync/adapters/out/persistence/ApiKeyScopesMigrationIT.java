package io.leadsync.adapters.out.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Upgrading an installation from before key scopes (ADR 0048): its keys come out of V47 with both scopes, so every
 * agent and script keeps working, and a key inserted afterwards must say its scope.
 */
class ApiKeyScopesMigrationIT {

    @Test
    void keys_from_before_scopes_get_both_and_new_keys_must_name_theirs() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource database = postgres.getPostgresDatabase();
            flyway(database, lastVersionBefore(database, 47)).migrate();
            execute(database, "insert into workspaces (id, name, product_name, created_at) values "
                    + "('00000000-0000-0000-0000-00000000000a', 'Acme', 'Acme SDR', now())");
            execute(database, "insert into api_keys (id, workspace_id, name, prefix, secret_hash, created_at) values "
                    + "('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000000a', 'old agent', "
                    + "'lsk_abcdefgh', '" + "a".repeat(64) + "', now())");

            flyway(database, "47").migrate();

            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("select scopes from api_keys")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("scopes")).isEqualTo("agent admin");
            }
            assertThat(PostgresApiKeyRepository.toScopes("agent admin")).hasSize(2);
            assertThatThrownBy(() -> execute(database, "insert into api_keys (id, workspace_id, name, prefix, "
                    + "secret_hash, created_at) values ('00000000-0000-0000-0000-0000000000a2', "
                    + "'00000000-0000-0000-0000-00000000000a', 'new', 'lsk_bcdefghi', '" + "b".repeat(64)
                    + "', now())")).isInstanceOf(SQLException.class).hasMessageContaining("scopes");
            assertThatThrownBy(() -> execute(database, "update api_keys set scopes = 'root'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("api_keys_scopes_known");
        }
    }

    private static Flyway flyway(DataSource database, String target) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration").target(target).load();
    }

    /** The newest migration before {@code version}: other branches add theirs, so it is read, not assumed. */
    private static String lastVersionBefore(DataSource database, int version) {
        MigrationVersion before = MigrationVersion.fromVersion(String.valueOf(version));
        return Arrays.stream(Flyway.configure().dataSource(database).locations("classpath:db/migration").load()
                        .info().all())
                .map(MigrationInfo::getVersion).filter(v -> v.compareTo(before) < 0).max(MigrationVersion::compareTo)
                .orElseThrow().getVersion();
    }

    private static void execute(DataSource database, String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
