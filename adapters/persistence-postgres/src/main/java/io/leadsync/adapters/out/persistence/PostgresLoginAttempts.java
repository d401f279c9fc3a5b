package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.LoginAttempts;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/** Failed logins per subject in PostgreSQL; one upsert per failure counts concurrent failures exactly. */
@Singleton
final class PostgresLoginAttempts implements LoginAttempts {
    private final Jdbc jdbc;

    PostgresLoginAttempts(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Failures> find(String subject) {
        return jdbc.one("select failures, last_failure_at from login_failures where subject = ?",
                statement -> statement.setString(1, subject),
                row -> new Failures(row.getInt("failures"), Jdbc.instant(row, "last_failure_at")));
    }

    @Override
    public Failures recordFailure(String subject, Instant now, Instant forgetBefore) {
        return jdbc.list("insert into login_failures (subject, failures, last_failure_at) values (?, 1, ?) "
                        + "on conflict (subject) do update set failures = case when login_failures.last_failure_at < ? "
                        + "then 1 else login_failures.failures + 1 end, last_failure_at = excluded.last_failure_at "
                        + "returning failures, last_failure_at", statement -> {
                    statement.setString(1, subject);
                    statement.setObject(2, Jdbc.timestamp(now));
                    statement.setObject(3, Jdbc.timestamp(forgetBefore));
                },
                row -> new Failures(row.getInt("failures"), Jdbc.instant(row, "last_failure_at"))).get(0);
    }

    @Override
    public void clear(String subject) {
        jdbc.update("delete from login_failures where subject = ?", statement -> statement.setString(1, subject));
    }
}
