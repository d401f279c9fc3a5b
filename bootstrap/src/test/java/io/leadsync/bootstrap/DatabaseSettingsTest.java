package io.leadsync.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseSettingsTest {

    @Test
    void without_a_database_url_leadsync_uses_embedded_postgresql_under_dot_leadsync() {
        DatabaseSettings settings = DatabaseSettings.from(Map.of());

        assertThat(settings.embedded()).isTrue();
        assertThat(settings.embeddedDataDirectory()).isEqualTo(Path.of(".leadsync", "postgres"));
    }

    @Test
    void leadsync_home_moves_the_embedded_data() {
        DatabaseSettings settings = DatabaseSettings.from(Map.of("LEADSYNC_HOME", "/var/lib/leadsync"));

        assertThat(settings.embeddedDataDirectory()).isEqualTo(Path.of("/var/lib/leadsync", "postgres"));
    }

    @Test
    void a_database_url_with_credentials_selects_that_server() {
        DatabaseSettings settings = DatabaseSettings.from(Map.of(
                "LEADSYNC_DATABASE_URL", "jdbc:postgresql://db:5432/leadsync",
                "LEADSYNC_DATABASE_USER", "sync",
                "LEADSYNC_DATABASE_PASSWORD", "s3cret"));

        assertThat(settings.embedded()).isFalse();
        assertThat(settings.url()).contains("jdbc:postgresql://db:5432/leadsync");
        assertThat(settings.user()).isEqualTo("sync");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void a_blank_database_url_counts_as_unset() {
        assertThat(DatabaseSettings.from(Map.of("LEADSYNC_DATABASE_URL", "  ")).embedded()).isTrue();
    }
}
