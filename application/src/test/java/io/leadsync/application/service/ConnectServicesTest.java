package io.leadsync.application.service;

import io.leadsync.application.port.in.CompleteConnectCommand;
import io.leadsync.application.port.in.ConnectFailedException;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.DisconnectCommand;
import io.leadsync.application.port.in.StartConnectCommand;
import io.leadsync.application.port.in.StartedConnect;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.FakeCrmAuthorization;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryPendingConnectRepository;
import io.leadsync.application.testing.InMemoryTokenVault;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectServicesTest {
    private final FakeCrmAuthorization salesforce = new FakeCrmAuthorization(CrmKind.SALESFORCE);
    private final InMemoryCrmConnectionRepository connections = new InMemoryCrmConnectionRepository();
    private final InMemoryPendingConnectRepository pending = new InMemoryPendingConnectRepository();
    private final InMemoryTokenVault vault = new InMemoryTokenVault();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final DirectTransactions transactions = new DirectTransactions();
    private final SequentialIds ids = new SequentialIds();
    private final MutableClock clock = new MutableClock(T0);

    private final StartConnectService start = new StartConnectService(List.of(salesforce), connections, pending, audit,
            transactions, ids, ids, clock);
    private final ProvisionConnectionService provision = new ProvisionConnectionService(List.of(salesforce), List.of(),
            connections, vault, audit, transactions, ids, clock);
    private final CompleteConnectService complete = new CompleteConnectService(List.of(salesforce), connections,
            pending, vault, audit, transactions, ids, clock, provision);
    private final DisconnectService disconnect = new DisconnectService(List.of(salesforce), connections, vault, audit,
            transactions, ids, clock);

    @Test
    void starting_a_connect_creates_the_connection_with_the_default_mapping_and_sends_state_and_challenge() {
        StartedConnect started = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));

        CrmConnection connection = connections.find(WORKSPACE, started.connectionId()).orElseThrow();
        assertThat(connection.state()).isEqualTo(ConnectionState.NEEDS_SETUP);
        assertThat(connection.mappings()).isEqualTo(DefaultMappings.salesforce("LeadSync"));
        assertThat(FakeCrmAuthorization.parameter(started.authorizeUrl(), "state")).hasSizeGreaterThanOrEqualTo(32);
        assertThat(FakeCrmAuthorization.parameter(started.authorizeUrl(), "code_challenge")).hasSize(43);
    }

    @Test
    void a_consented_callback_stores_the_tokens_and_shows_who_connected_to_which_org() {
        StartedConnect started = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));

        CrmConnection connection = complete.complete(callback(started.authorizeUrl(), salesforce.consent(started.authorizeUrl())));

        assertThat(connection.identity()).hasValueSatisfying(identity -> {
            assertThat(identity.userEmail()).isEqualTo("admin@acme.example");
            assertThat(identity.orgName()).isEqualTo("Acme Corp");
        });
        assertThat(connections.find(WORKSPACE, started.connectionId()).orElseThrow().identity()).isPresent();
        assertThat(vault.find(WORKSPACE, started.connectionId())).isPresent();
        assertThat(audit.recent(WORKSPACE, 10)).extracting(AuditEntry::action).contains("connection.authorised");
    }

    @Test
    void a_replayed_callback_is_refused() {
        StartedConnect started = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));
        CompleteConnectCommand callback = callback(started.authorizeUrl(), salesforce.consent(started.authorizeUrl()));
        complete.complete(callback);

        assertThatThrownBy(() -> complete.complete(callback)).isInstanceOf(ConnectFailedException.class)
                .hasMessageContaining("already used");
    }

    @Test
    void a_callback_with_a_state_leadsync_never_sent_is_refused() {
        assertThatThrownBy(() -> complete.complete(new CompleteConnectCommand("forged-" + "x".repeat(40),
                Optional.of("code-0"), Optional.empty(), Optional.empty()))).isInstanceOf(ConnectFailedException.class);
    }

    @Test
    void a_callback_after_fifteen_minutes_is_refused_and_nothing_is_stored() {
        StartedConnect started = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));
        String code = salesforce.consent(started.authorizeUrl());
        clock.advance(Duration.ofMinutes(16));

        assertThatThrownBy(() -> complete.complete(callback(started.authorizeUrl(), code)))
                .isInstanceOf(ConnectFailedException.class).hasMessageContaining("15 minutes");
        assertThat(vault.find(WORKSPACE, started.connectionId())).isEmpty();
    }

    @Test
    void an_admin_who_denies_access_gets_the_crms_reason_and_the_refusal_is_audited() {
        StartedConnect started = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));

        assertThatThrownBy(() -> complete.complete(new CompleteConnectCommand(
                FakeCrmAuthorization.parameter(started.authorizeUrl(), "state"), Optional.empty(),
                Optional.of("access_denied"), Optional.of("end-user denied authorization"))))
                .isInstanceOf(ConnectFailedException.class).hasMessageContaining("end-user denied authorization");
        assertThat(vault.find(WORKSPACE, started.connectionId())).isEmpty();
        assertThat(audit.recent(WORKSPACE, 10)).extracting(AuditEntry::action).contains("connection.connect-refused");
    }

    @Test
    void a_code_exchanged_without_the_matching_verifier_is_refused_by_the_crm() {
        StartedConnect first = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));
        StartedConnect second = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));
        // The code was issued for the first connect's challenge but arrives with the second's state (and verifier).
        String code = salesforce.consent(first.authorizeUrl());

        assertThatThrownBy(() -> complete.complete(callback(second.authorizeUrl(), code)))
                .isInstanceOf(ConnectFailedException.class).hasMessageContaining("invalid_grant");
    }

    @Test
    void connecting_again_reuses_a_connection_that_is_not_working() {
        StartedConnect first = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));
        StartedConnect again = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));

        assertThat(again.connectionId()).isEqualTo(first.connectionId());
        assertThat(connections.list(WORKSPACE)).hasSize(1);
    }

    @Test
    void disconnecting_stops_the_connection_forgets_and_revokes_its_tokens() {
        StartedConnect started = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));
        complete.complete(callback(started.authorizeUrl(), salesforce.consent(started.authorizeUrl())));

        CrmConnection connection = disconnect.disconnect(new DisconnectCommand(WORKSPACE, started.connectionId(), "admin"));

        assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(connection.syncs()).isFalse();
        assertThat(vault.find(WORKSPACE, started.connectionId())).isEmpty();
        assertThat(salesforce.revoked()).hasSize(1);
    }

    @Test
    void a_crm_that_cannot_revoke_does_not_keep_the_connection_alive() {
        StartedConnect started = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));
        complete.complete(callback(started.authorizeUrl(), salesforce.consent(started.authorizeUrl())));
        salesforce.failRevokes();

        disconnect.disconnect(new DisconnectCommand(WORKSPACE, started.connectionId(), "admin"));

        assertThat(connections.find(WORKSPACE, started.connectionId()).orElseThrow().state())
                .isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(vault.find(WORKSPACE, started.connectionId())).isEmpty();
    }

    @Test
    void another_workspace_cannot_disconnect_the_connection() {
        StartedConnect started = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));

        assertThatThrownBy(() -> disconnect.disconnect(new DisconnectCommand(OTHER_WORKSPACE, started.connectionId(), "intruder")))
                .isInstanceOf(ConnectionNotFoundException.class);
        assertThat(connections.find(WORKSPACE, started.connectionId()).orElseThrow().state())
                .isEqualTo(ConnectionState.NEEDS_SETUP);
    }

    @Test
    void a_kind_this_installation_has_not_configured_is_refused() {
        assertThatThrownBy(() -> start.start(new StartConnectCommand(WORKSPACE, CrmKind.HUBSPOT, "admin")))
                .hasMessageContaining("not configured");
    }

    private static CompleteConnectCommand callback(URI authorizeUrl, String code) {
        return new CompleteConnectCommand(FakeCrmAuthorization.parameter(authorizeUrl, "state"), Optional.of(code),
                Optional.empty(), Optional.empty());
    }
}
