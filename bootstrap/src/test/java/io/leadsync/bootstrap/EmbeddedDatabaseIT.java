package io.leadsync.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL that LeadSync runs on by default, as a user's data depends on it. */
class EmbeddedDatabaseIT {
    @TempDir
    Path home;

    @Test
    void data_is_written_durably() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(home.resolve("postgres"))) {
            assertThat(setting(database, "fsync")).isEqualTo("on");
            assertThat(setting(database, "synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void a_postgres_left_running_by_a_killed_leadsync_is_stopped_and_the_data_is_still_there() throws Exception {
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanedDatabase.class.getName(),
                home.resolve("postgres").toString()).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(killed.getInputStream()))) {
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.equals("READY"));
            assertThat(line).as("the first LeadSync's database started").isEqualTo("READY");
        }
        killed.destroyForcibly().waitFor();

        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(home.resolve("postgres"))) {
            try (Connection connection = connect(database); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("select value from kept")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void a_second_leadsync_on_the_same_data_is_refused_and_the_first_keeps_running() throws Exception {
        try (EmbeddedDatabase running = EmbeddedDatabase.startPersistent(home.resolve("postgres"))) {
            assertThatThrownBy(() -> EmbeddedDatabase.startPersistent(home.resolve("postgres")))
                    .hasMessageContaining("Another LeadSync is running");

            assertThat(setting(running, "fsync")).isEqualTo("on");
        }
    }

    @Test
    void postgres_asks_for_the_generated_password_kept_owner_only_beside_the_data_and_listens_on_loopback()
            throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(home.resolve("postgres"))) {
            Path passwordFile = home.resolve("postgres.password");
            assertThat(java.nio.file.Files.getPosixFilePermissions(passwordFile))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            String password = java.nio.file.Files.readString(passwordFile).strip();
            assertThat(database.datasourceProperties()).containsEntry("datasources.default.password", password);
            String url = (String) database.datasourceProperties().get("datasources.default.url");

            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", ""))
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guess"))
                    .hasMessageContaining("password authentication failed");
            assertThat(setting(database, "listen_addresses")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void a_data_directory_from_before_passwords_is_moved_to_password_authentication_and_keeps_its_data()
            throws Exception {
        Path data = home.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(data);
             Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("create table kept (value text)");
            statement.execute("insert into kept values ('from before')");
        }
        // As an older LeadSync left it: zonky's initdb trusts every local login, and there is no password file.
        java.nio.file.Files.writeString(data.resolve("pg_hba.conf"),
                "local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n");
        java.nio.file.Files.delete(home.resolve("postgres.password"));

        try (EmbeddedDatabase database = EmbeddedDatabase.startPersistent(data)) {
            String url = (String) database.datasourceProperties().get("datasources.default.url");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).hasMessageContaining("password");
            try (Connection connection = connect(database); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("select value from kept")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("from before");
            }
            assertThat(java.nio.file.Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust");
        }
    }

    private static String setting(EmbeddedDatabase database, String name) throws Exception {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("show " + name)) {
            row.next();
            return row.getString(1);
        }
    }

    private static Connection connect(EmbeddedDatabase database) throws Exception {
        return DriverManager.getConnection(database.jdbcUrl());
    }
}
