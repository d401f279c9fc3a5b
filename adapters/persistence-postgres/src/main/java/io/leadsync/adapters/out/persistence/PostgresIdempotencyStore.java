package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.IdempotencyStore;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/** Idempotency keys in PostgreSQL: a claim is an insert that the primary key lets only one node make. */
@Singleton
final class PostgresIdempotencyStore implements IdempotencyStore {
    private final Jdbc jdbc;

    PostgresIdempotencyStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Claimed> claim(WorkspaceId workspaceId, String key, String requestHash, Instant now,
                                   Instant staleBefore) {
        // Inserted, or taken over from a holder that never answered: either way this caller holds the key now.
        int taken = jdbc.update("insert into idempotency_keys (workspace_id, idempotency_key, request_hash, claimed_at) "
                + "values (?, ?, ?, ?) on conflict (workspace_id, idempotency_key) do update set "
                + "request_hash = excluded.request_hash, claimed_at = excluded.claimed_at "
                + "where idempotency_keys.response_status is null and idempotency_keys.claimed_at < ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, key);
            statement.setString(3, requestHash);
            statement.setObject(4, Jdbc.timestamp(now));
            statement.setObject(5, Jdbc.timestamp(staleBefore));
        });
        if (taken == 1) {
            return Optional.empty();
        }
        return jdbc.one("select request_hash, claimed_at, response_status, response_body, response_location "
                + "from idempotency_keys where workspace_id = ? and idempotency_key = ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, key);
        }, row -> {
            int status = row.getInt("response_status");
            Optional<StoredResponse> response = row.wasNull() ? Optional.empty() : Optional.of(new StoredResponse(
                    status, row.getString("response_body"), Optional.ofNullable(row.getString("response_location"))));
            return new Claimed(row.getString("request_hash"), response, Jdbc.instant(row, "claimed_at"));
        }).or(() -> claim(workspaceId, key, requestHash, now, staleBefore));
    }

    @Override
    public void complete(WorkspaceId workspaceId, String key, StoredResponse response) {
        jdbc.update("update idempotency_keys set response_status = ?, response_body = ?, response_location = ? "
                + "where workspace_id = ? and idempotency_key = ?", statement -> {
            statement.setInt(1, response.status());
            statement.setString(2, response.body());
            statement.setString(3, response.location().orElse(null));
            statement.setObject(4, workspaceId.value());
            statement.setString(5, key);
        });
    }

    @Override
    public void release(WorkspaceId workspaceId, String key) {
        jdbc.update("delete from idempotency_keys where workspace_id = ? and idempotency_key = ? "
                + "and response_status is null", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, key);
        });
    }

    @Override
    public int deleteClaimedBefore(Instant cutoff) {
        return jdbc.update("delete from idempotency_keys where claimed_at < ?",
                statement -> statement.setObject(1, Jdbc.timestamp(cutoff)));
    }
}
