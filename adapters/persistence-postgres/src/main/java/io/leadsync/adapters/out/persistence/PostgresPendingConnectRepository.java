package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.application.port.out.SecretCipher;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.PendingConnect;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Pending OAuth connects in PostgreSQL; taking one deletes it in the same statement, so a state works once. The PKCE
 * verifier and a code waiting for confirmation are encrypted, each bound to its state and column.
 */
@Singleton
final class PostgresPendingConnectRepository implements PendingConnectRepository {
    private final Jdbc jdbc;
    private final SecretCipher cipher;

    PostgresPendingConnectRepository(Jdbc jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public void save(PendingConnect connect) {
        jdbc.update("insert into pending_connects (state, workspace_id, connection_id, kind, code_verifier, started_by, "
                + "started_at, started_in_session) values (?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setString(1, connect.state());
            statement.setObject(2, connect.workspaceId().value());
            statement.setObject(3, connect.connectionId().value());
            statement.setString(4, connect.kind().name());
            statement.setString(5, cipher.encrypt(connect.codeVerifier(), purpose(connect.state(), "code_verifier")));
            statement.setString(6, connect.startedBy());
            statement.setObject(7, Jdbc.timestamp(connect.startedAt()));
            statement.setObject(8, connect.startedInSession().orElse(null));
        });
    }

    @Override
    public Optional<PendingConnect> find(String state) {
        return jdbc.one("select * from pending_connects where state = ?", statement -> statement.setString(1, state),
                this::read);
    }

    @Override
    public Optional<PendingConnect> take(String state) {
        // DELETE ... RETURNING: two callbacks racing with one state cannot both get it.
        return jdbc.list("delete from pending_connects where state = ? returning *",
                statement -> statement.setString(1, state), this::read).stream().findFirst();
    }

    @Override
    public boolean awaitConfirmation(String state, String code, String browserHash) {
        // Only the first callback's code is kept: "awaiting_code is null" makes a replayed callback fail.
        return jdbc.update("update pending_connects set awaiting_code = ?, awaiting_browser_hash = ? "
                + "where state = ? and awaiting_code is null", statement -> {
            statement.setString(1, cipher.encrypt(code, purpose(state, "awaiting_code")));
            statement.setString(2, browserHash);
            statement.setString(3, state);
        }) == 1;
    }

    @Override
    public Optional<Awaiting> findAwaiting(String state) {
        return jdbc.one("select * from pending_connects where state = ? and awaiting_code is not null",
                statement -> statement.setString(1, state), row -> new Awaiting(read(row),
                        cipher.decrypt(row.getString("awaiting_code"), purpose(state, "awaiting_code")),
                        row.getString("awaiting_browser_hash")));
    }

    private PendingConnect read(ResultSet row) throws SQLException {
        return new PendingConnect(row.getString("state"), new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                new ConnectionId(row.getObject("connection_id", UUID.class)), CrmKind.valueOf(row.getString("kind")),
                cipher.decrypt(row.getString("code_verifier"), purpose(row.getString("state"), "code_verifier")),
                row.getString("started_by"), Jdbc.instant(row, "started_at"),
                Optional.ofNullable(row.getObject("started_in_session", UUID.class)));
    }

    private static String purpose(String state, String column) {
        return "pending-connect:" + state + "/" + column;
    }
}
