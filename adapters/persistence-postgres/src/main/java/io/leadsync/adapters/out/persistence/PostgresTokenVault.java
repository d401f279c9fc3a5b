package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.SecretCipher;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tokens in PostgreSQL, each encrypted with a purpose naming its workspace, connection and kind, so a ciphertext
 * copied onto another row does not decrypt there.
 */
@Singleton
final class PostgresTokenVault implements TokenVault {
    private final Jdbc jdbc;
    private final SecretCipher cipher;

    PostgresTokenVault(Jdbc jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public boolean replace(WorkspaceId workspaceId, ConnectionId connectionId, CrmTokens tokens) {
        String access = cipher.encrypt(tokens.accessToken(), purpose(workspaceId, connectionId, "access_token"));
        String refresh = tokens.refreshToken()
                .map(token -> cipher.encrypt(token, purpose(workspaceId, connectionId, "refresh_token"))).orElse(null);
        // An update, never an insert: a disconnect's delete committed first leaves no row, and one in flight makes
        // this wait and then find none.
        return jdbc.update("update crm_tokens set access_token = ?, refresh_token = ?, access_expires_at = ?, "
                + "issued_at = ?, instance_url = ?, issuer = ? where workspace_id = ? and connection_id = ?",
                statement -> {
            statement.setString(1, access);
            statement.setString(2, refresh);
            statement.setObject(3, Jdbc.timestamp(tokens.accessExpiresAt().orElse(null)));
            statement.setObject(4, Jdbc.timestamp(tokens.issuedAt()));
            statement.setString(5, tokens.instanceUrl().orElse(null));
            statement.setString(6, tokens.issuer().orElse(null));
            statement.setObject(7, workspaceId.value());
            statement.setObject(8, connectionId.value());
        }) == 1;
    }

    @Override
    public void store(WorkspaceId workspaceId, ConnectionId connectionId, CrmTokens tokens) {
        String access = cipher.encrypt(tokens.accessToken(), purpose(workspaceId, connectionId, "access_token"));
        String refresh = tokens.refreshToken()
                .map(token -> cipher.encrypt(token, purpose(workspaceId, connectionId, "refresh_token"))).orElse(null);
        jdbc.update("insert into crm_tokens (workspace_id, connection_id, access_token, refresh_token, access_expires_at, "
                + "issued_at, instance_url, issuer) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (workspace_id, "
                + "connection_id) do update set access_token = excluded.access_token, "
                + "refresh_token = excluded.refresh_token, access_expires_at = excluded.access_expires_at, "
                + "issued_at = excluded.issued_at, instance_url = excluded.instance_url, issuer = excluded.issuer",
                statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
            statement.setString(3, access);
            statement.setString(4, refresh);
            statement.setObject(5, Jdbc.timestamp(tokens.accessExpiresAt().orElse(null)));
            statement.setObject(6, Jdbc.timestamp(tokens.issuedAt()));
            statement.setString(7, tokens.instanceUrl().orElse(null));
            statement.setString(8, tokens.issuer().orElse(null));
        });
    }

    @Override
    public Optional<CrmTokens> find(WorkspaceId workspaceId, ConnectionId connectionId) {
        return jdbc.one("select * from crm_tokens where workspace_id = ? and connection_id = ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
        }, row -> new CrmTokens(
                cipher.decrypt(row.getString("access_token"), purpose(workspaceId, connectionId, "access_token")),
                Optional.ofNullable(row.getString("refresh_token")).map(
                        sealed -> cipher.decrypt(sealed, purpose(workspaceId, connectionId, "refresh_token"))),
                Optional.ofNullable(Jdbc.instant(row, "access_expires_at")), Jdbc.instant(row, "issued_at"),
                Optional.ofNullable(row.getString("instance_url")), Optional.ofNullable(row.getString("issuer"))));
    }

    @Override
    public boolean claimRefresh(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, Instant until) {
        // One conditional update: of two nodes racing, PostgreSQL's row lock lets exactly one see its condition hold.
        return jdbc.update("update crm_tokens set refresh_claimed_until = ? where workspace_id = ? and connection_id = ? "
                + "and (refresh_claimed_until is null or refresh_claimed_until <= ?)", statement -> {
            statement.setObject(1, Jdbc.timestamp(until));
            statement.setObject(2, workspaceId.value());
            statement.setObject(3, connectionId.value());
            statement.setObject(4, Jdbc.timestamp(now));
        }) == 1;
    }

    @Override
    public void releaseRefresh(WorkspaceId workspaceId, ConnectionId connectionId) {
        jdbc.update("update crm_tokens set refresh_claimed_until = null where workspace_id = ? and connection_id = ?",
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, connectionId.value());
                });
    }

    @Override
    public int reencryptStale(int limit) {
        record Sealed(WorkspaceId workspace, ConnectionId connection, String access, String refresh) {
        }
        List<Sealed> stale = jdbc.list("select workspace_id, connection_id, access_token, refresh_token from crm_tokens "
                + "order by workspace_id, connection_id", statement -> { }, row -> new Sealed(
                new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                new ConnectionId(row.getObject("connection_id", UUID.class)),
                row.getString("access_token"), row.getString("refresh_token"))).stream()
                .filter(row -> cipher.needsReencryption(row.access())
                        || row.refresh() != null && cipher.needsReencryption(row.refresh()))
                .limit(limit).toList();
        int done = 0;
        for (Sealed row : stale) {
            String access = cipher.encrypt(cipher.decrypt(row.access(), purpose(row.workspace(), row.connection(),
                    "access_token")), purpose(row.workspace(), row.connection(), "access_token"));
            String refresh = row.refresh() == null ? null : cipher.encrypt(cipher.decrypt(row.refresh(),
                    purpose(row.workspace(), row.connection(), "refresh_token")),
                    purpose(row.workspace(), row.connection(), "refresh_token"));
            // Only if unchanged since read: a refresh meanwhile already wrote under the current key.
            done += jdbc.update("update crm_tokens set access_token = ?, refresh_token = ? where workspace_id = ? "
                    + "and connection_id = ? and access_token = ? and refresh_token is not distinct from ?", statement -> {
                statement.setString(1, access);
                statement.setString(2, refresh);
                statement.setObject(3, row.workspace().value());
                statement.setObject(4, row.connection().value());
                statement.setString(5, row.access());
                statement.setString(6, row.refresh());
            });
        }
        return done;
    }

    @Override
    public void delete(WorkspaceId workspaceId, ConnectionId connectionId) {
        jdbc.update("delete from crm_tokens where workspace_id = ? and connection_id = ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
        });
    }

    static String purpose(WorkspaceId workspaceId, ConnectionId connectionId, String what) {
        return "workspace:" + workspaceId.value() + "/connection:" + connectionId.value() + "/" + what;
    }
}
