package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.application.port.out.SecretCipher;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.PendingConnect;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;

/** Pending OAuth connects in PostgreSQL; taking one deletes it in the same statement, so a state works once. */
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
                + "started_at) values (?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setString(1, connect.state());
            statement.setObject(2, connect.workspaceId().value());
            statement.setObject(3, connect.connectionId().value());
            statement.setString(4, connect.kind().name());
            statement.setString(5, cipher.encrypt(connect.codeVerifier(), purpose(connect.state())));
            statement.setString(6, connect.startedBy());
            statement.setObject(7, Jdbc.timestamp(connect.startedAt()));
        });
    }

    @Override
    public Optional<PendingConnect> take(String state) {
        // DELETE ... RETURNING: two callbacks racing with one state cannot both get it.
        return jdbc.list("delete from pending_connects where state = ? returning *",
                statement -> statement.setString(1, state),
                row -> new PendingConnect(row.getString("state"), new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                        new ConnectionId(row.getObject("connection_id", UUID.class)), CrmKind.valueOf(row.getString("kind")),
                        cipher.decrypt(row.getString("code_verifier"), purpose(row.getString("state"))),
                        row.getString("started_by"), Jdbc.instant(row, "started_at"))).stream().findFirst();
    }

    private static String purpose(String state) {
        return "pending-connect:" + state + "/code_verifier";
    }
}
