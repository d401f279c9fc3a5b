package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.contract.ConnectSecretsContract;
import io.leadsync.application.port.out.contract.StoragePorts;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.PendingConnect;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract on a real PostgreSQL, and what is (not) in its columns. */
class PostgresConnectSecretsIT extends ConnectSecretsContract {
    @Override
    protected StoragePorts emptyStorage() {
        return PostgresStorage.empty();
    }

    @Test
    void after_a_key_rotation_stored_tokens_are_encrypted_again_under_the_new_key_and_still_read_the_same() {
        StoragePorts storage = PostgresStorage.empty();
        ReversibleTestCipher cipher = PostgresStorage.context().getBean(ReversibleTestCipher.class);
        storage.workspaces().insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        ConnectionId connection = new ConnectionId(UUID.randomUUID());
        storage.connections().insert(CrmConnection.start(connection, WORKSPACE, CrmKind.SALESFORCE,
                SyncSettings.defaults(), List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName")), T0));
        CrmTokens tokens = new CrmTokens("access", Optional.of("refresh"), Optional.of(T0.plusSeconds(1800)), T0);
        storage.tokens().store(WORKSPACE, connection, tokens);
        try {
            cipher.rotateTo("k2");

            int first = storage.tokens().reencryptStale(100);
            int second = storage.tokens().reencryptStale(100);

            assertThat(first).isEqualTo(1);
            assertThat(second).isZero();
            assertThat(PostgresStorage.texts("crm_tokens", "access_token || ' ' || refresh_token")).singleElement()
                    .asString().startsWith("test:k2:").contains(" test:k2:");
            assertThat(storage.tokens().find(WORKSPACE, connection)).contains(tokens);
        } finally {
            cipher.rotateTo("k1");
        }
    }

    @Test
    void no_token_or_verifier_is_stored_in_plain_text() {
        StoragePorts storage = PostgresStorage.empty();
        storage.workspaces().insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        ConnectionId connection = new ConnectionId(UUID.randomUUID());
        storage.connections().insert(CrmConnection.start(connection, WORKSPACE, CrmKind.SALESFORCE,
                SyncSettings.defaults(), List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName")), T0));
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

        storage.tokens().store(WORKSPACE, connection,
                new CrmTokens("00Dplain-access", Optional.of("plain-refresh"), Optional.empty(), T0));
        storage.pendingConnects().save(new PendingConnect("s".repeat(40), WORKSPACE, connection, CrmKind.SALESFORCE,
                verifier, "admin@acme.example", T0));

        assertThat(PostgresStorage.texts("crm_tokens", "access_token || coalesce(refresh_token, '')"))
                .singleElement().asString().doesNotContain("plain-access").doesNotContain("plain-refresh");
        assertThat(PostgresStorage.texts("pending_connects", "code_verifier")).singleElement().asString()
                .doesNotContain(verifier);
    }
}
