package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.PendingConnect;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.LeadField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link TokenVault} and {@link PendingConnectRepository} must do. */
public abstract class ConnectSecretsContract {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private StoragePorts storage;

    protected abstract StoragePorts emptyStorage();

    @BeforeEach
    void setUp() {
        storage = emptyStorage().withFixtureWorkspaces();
        storage.connections().insert(CrmConnection.start(SALESFORCE, WORKSPACE, CrmKind.SALESFORCE,
                SyncSettings.defaults(), List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName")), T0));
    }

    @Test
    void tokens_come_back_as_stored_and_a_refresh_replaces_them() {
        CrmTokens first = new CrmTokens("00D!access-1", Optional.of("refresh-1"), Optional.empty(), T0);
        CrmTokens refreshed = first.refreshedWith("00D!access-2", Optional.of("refresh-2"),
                Optional.of(T0.plusSeconds(1800)), T0.plusSeconds(60));

        storage.tokens().store(WORKSPACE, SALESFORCE, first);
        storage.tokens().store(WORKSPACE, SALESFORCE, refreshed);

        assertThat(storage.tokens().find(WORKSPACE, SALESFORCE)).contains(refreshed);
    }

    @Test
    void tokens_keep_their_issuer_and_the_instance_the_latest_refresh_named() {
        CrmTokens first = new CrmTokens("00D!access-1", Optional.of("refresh-1"), Optional.empty(), T0,
                Optional.of("https://acme.my.salesforce.com"), Optional.of("https://test.salesforce.com"));
        CrmTokens moved = first.refreshedWith("00D!access-2", Optional.empty(), Optional.empty(), T0.plusSeconds(60),
                Optional.of("https://na2.salesforce.com"));

        storage.tokens().store(WORKSPACE, SALESFORCE, moved);

        CrmTokens stored = storage.tokens().find(WORKSPACE, SALESFORCE).orElseThrow();
        assertThat(stored.instanceUrl()).contains("https://na2.salesforce.com");
        assertThat(stored.issuer()).contains("https://test.salesforce.com");
        assertThat(stored.refreshToken()).contains("refresh-1");
    }

    @Test
    void another_workspace_cannot_read_or_delete_the_tokens() {
        CrmTokens tokens = new CrmTokens("00D!access-1", Optional.empty(), Optional.empty(), T0);
        storage.tokens().store(WORKSPACE, SALESFORCE, tokens);

        storage.tokens().delete(OTHER_WORKSPACE, SALESFORCE);

        assertThat(storage.tokens().find(OTHER_WORKSPACE, SALESFORCE)).isEmpty();
        assertThat(storage.tokens().find(WORKSPACE, SALESFORCE)).contains(tokens);
    }

    @Test
    void a_refresh_replaces_tokens_only_where_a_disconnect_left_them() {
        CrmTokens first = new CrmTokens("00D!access-1", Optional.of("refresh-1"), Optional.empty(), T0);
        CrmTokens refreshed = first.refreshedWith("00D!access-2", Optional.empty(), Optional.empty(), T0.plusSeconds(60));

        assertThat(storage.tokens().replace(WORKSPACE, SALESFORCE, refreshed)).isFalse();
        assertThat(storage.tokens().find(WORKSPACE, SALESFORCE)).isEmpty();
        storage.tokens().store(WORKSPACE, SALESFORCE, first);
        assertThat(storage.tokens().replace(OTHER_WORKSPACE, SALESFORCE, refreshed)).isFalse();
        assertThat(storage.tokens().replace(WORKSPACE, SALESFORCE, refreshed)).isTrue();
        assertThat(storage.tokens().find(WORKSPACE, SALESFORCE)).contains(refreshed);
        storage.tokens().delete(WORKSPACE, SALESFORCE);
        assertThat(storage.tokens().replace(WORKSPACE, SALESFORCE, refreshed)).isFalse();
        assertThat(storage.tokens().find(WORKSPACE, SALESFORCE)).isEmpty();
    }

    @Test
    void deleted_tokens_are_gone() {
        storage.tokens().store(WORKSPACE, SALESFORCE, new CrmTokens("a", Optional.of("r"), Optional.empty(), T0));

        storage.tokens().delete(WORKSPACE, SALESFORCE);

        assertThat(storage.tokens().find(WORKSPACE, SALESFORCE)).isEmpty();
    }

    @Test
    void one_refresh_claim_at_a_time_until_released_or_expired() {
        storage.tokens().store(WORKSPACE, SALESFORCE, new CrmTokens("a", Optional.of("r"), Optional.empty(), T0));

        assertThat(storage.tokens().claimRefresh(WORKSPACE, SALESFORCE, T0, T0.plusSeconds(30))).isTrue();
        assertThat(storage.tokens().claimRefresh(WORKSPACE, SALESFORCE, T0.plusSeconds(1), T0.plusSeconds(31))).isFalse();
        assertThat(storage.tokens().claimRefresh(OTHER_WORKSPACE, SALESFORCE, T0.plusSeconds(1), T0.plusSeconds(31)))
                .isFalse();
        assertThat(storage.tokens().claimRefresh(WORKSPACE, SALESFORCE, T0.plusSeconds(30), T0.plusSeconds(60))).isTrue();
        storage.tokens().releaseRefresh(WORKSPACE, SALESFORCE);
        assertThat(storage.tokens().claimRefresh(WORKSPACE, SALESFORCE, T0.plusSeconds(31), T0.plusSeconds(61))).isTrue();
    }

    @Test
    void a_pending_connect_is_taken_once_by_its_state() {
        PendingConnect connect = new PendingConnect("state-" + "x".repeat(40), WORKSPACE, SALESFORCE,
                CrmKind.SALESFORCE, VERIFIER, "admin@acme.example", T0);
        storage.pendingConnects().save(connect);

        assertThat(storage.pendingConnects().take("state-" + "y".repeat(40))).isEmpty();
        assertThat(storage.pendingConnects().take(connect.state())).contains(connect);
        assertThat(storage.pendingConnects().take(connect.state())).isEmpty();
    }
}
