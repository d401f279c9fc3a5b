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
