package io.leadsync.bootstrap;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where LeadSync's database is: a PostgreSQL server named by {@code LEADSYNC_DATABASE_URL} (with
 * {@code LEADSYNC_DATABASE_USER} and {@code LEADSYNC_DATABASE_PASSWORD}), or, when that is not set, an embedded
 * PostgreSQL whose data lives under {@code LEADSYNC_HOME} (default {@code .leadsync/}) so it survives a restart.
 */
record DatabaseSettings(Optional<String> url, String user, String password, Path home) {
    static final String URL = "LEADSYNC_DATABASE_URL";
    static final String USER = "LEADSYNC_DATABASE_USER";
    static final String PASSWORD = "LEADSYNC_DATABASE_PASSWORD";
    static final String HOME = "LEADSYNC_HOME";

    DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(home, "home");
    }

    static DatabaseSettings from(Map<String, String> environment) {
        Optional<String> url = Optional.ofNullable(environment.get(URL)).filter(value -> !value.isBlank());
        String user = environment.getOrDefault(USER, "leadsync");
        String password = environment.getOrDefault(PASSWORD, "");
        Path home = Path.of(environment.getOrDefault(HOME, ".leadsync"));
        return new DatabaseSettings(url, user, password, home);
    }

    boolean embedded() {
        return url.isEmpty();
    }

    Path embeddedDataDirectory() {
        return home.resolve("postgres");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + url.orElse("embedded at " + embeddedDataDirectory()) + ", user=" + user + "]";
    }
}
