package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.domain.workspace.ApiKey;
import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** API keys in PostgreSQL: the hash, its shown prefix, its scopes and the revocation instant, never the key. */
@Singleton
final class PostgresApiKeyRepository implements ApiKeyRepository {
    private final Jdbc jdbc;

    PostgresApiKeyRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(ApiKey key) {
        jdbc.update("insert into api_keys (id, workspace_id, name, prefix, secret_hash, created_at, revoked_at, scopes) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setObject(1, key.id().value());
            statement.setObject(2, key.workspaceId().value());
            statement.setString(3, key.name());
            statement.setString(4, key.prefix());
            statement.setString(5, key.secretHash());
            statement.setObject(6, Jdbc.timestamp(key.createdAt()));
            statement.setObject(7, Jdbc.timestamp(key.revokedAt().orElse(null)));
            statement.setString(8, toColumn(key.scopes()));
        });
    }

    @Override
    public void update(ApiKey key) {
        jdbc.update("update api_keys set name = ?, revoked_at = ?, scopes = ? where workspace_id = ? and id = ?",
                statement -> {
            statement.setString(1, key.name());
            statement.setObject(2, Jdbc.timestamp(key.revokedAt().orElse(null)));
            statement.setString(3, toColumn(key.scopes()));
            statement.setObject(4, key.workspaceId().value());
            statement.setObject(5, key.id().value());
        });
    }

    @Override
    public Optional<ApiKey> findBySecretHash(String secretHash) {
        // A suspended workspace's keys are not found (ADR 0047): they stop working at once, on every node.
        return jdbc.one("select * from api_keys where secret_hash = ? and not exists (select 1 from workspaces w "
                + "where w.id = api_keys.workspace_id and w.suspended_at is not null)",
                statement -> statement.setString(1, secretHash),
                PostgresApiKeyRepository::read);
    }

    @Override
    public Optional<ApiKey> find(WorkspaceId workspaceId, ApiKeyId id) {
        return jdbc.one("select * from api_keys where workspace_id = ? and id = ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, id.value());
        }, PostgresApiKeyRepository::read);
    }

    @Override
    public List<ApiKey> list(WorkspaceId workspaceId) {
        return jdbc.list("select * from api_keys where workspace_id = ? order by created_at, id",
                statement -> statement.setObject(1, workspaceId.value()), PostgresApiKeyRepository::read);
    }

    private static ApiKey read(ResultSet row) throws SQLException {
        return new ApiKey(new ApiKeyId(row.getObject("id", UUID.class)),
                new WorkspaceId(row.getObject("workspace_id", UUID.class)), row.getString("name"),
                row.getString("prefix"), row.getString("secret_hash"), toScopes(row.getString("scopes")),
                Jdbc.instant(row, "created_at"), Optional.ofNullable(Jdbc.instant(row, "revoked_at")));
    }

    /** Space-separated scope names in enum order, as OAuth writes scopes: {@code agent admin}. */
    static String toColumn(Set<ApiKeyScope> scopes) {
        return scopes.stream().sorted().map(ApiKeyScope::apiName).collect(Collectors.joining(" "));
    }

    static Set<ApiKeyScope> toScopes(String column) {
        return Arrays.stream(column.split(" ")).map(name -> ApiKeyScope.byApiName(name).orElseThrow(
                () -> new IllegalStateException("unknown API key scope " + name))).collect(Collectors.toSet());
    }
}
