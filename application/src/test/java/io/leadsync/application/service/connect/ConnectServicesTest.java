package io.leadsync.application.service.connect;

import io.leadsync.application.port.in.connect.CompleteConnectCommand;
import io.leadsync.application.port.in.connect.ConnectFailedException;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.connect.DisconnectCommand;
import io.leadsync.application.port.in.connect.StartConnectCommand;
import io.leadsync.application.port.in.connect.StartedConnect;
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
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.LoginHost;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.testing.InMemoryCrmLinkRepository;
import io.leadsync.application.testing.InMemoryPullSchedule;
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
    private final InMemoryCrmLinkRepository links = new InMemoryCrmLinkRepository();
    private final InMemoryPullSchedule pulls = new InMemoryPullSchedule(connections, List.of(WORKSPACE));
    private final CompleteConnectService complete = new CompleteConnectService(List.of(salesforce), connections,
            pending, vault, audit, transactions, ids, clock, provision).forgettingOldOrgs(links, pulls);
    private final io.leadsync.application.testing.InMemoryDeliveryQueue deliveries =
            new io.leadsync.application.testing.InMemoryDeliveryQueue();
    private final DisconnectService disconnect = new DisconnectService(List.of(salesforce), connections, vault, audit,
            transactions, ids, clock).withDeliveries(deliveries);

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
    void disconnecting_cancels_the_leads_waiting_for_that_crm_and_keeps_the_failed_ones_and_other_crms_queues() {
        StartedConnect started = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));
        complete.complete(callback(started.authorizeUrl(), salesforce.consent(started.authorizeUrl())));
        io.leadsync.domain.crm.ConnectionId other = new io.leadsync.domain.crm.ConnectionId(java.util.UUID.randomUUID());
        deliveries.enqueue(WORKSPACE, started.connectionId(), new io.leadsync.domain.lead.LeadId("waiting-1"), 1, T0);
        deliveries.enqueue(WORKSPACE, started.connectionId(), new io.leadsync.domain.lead.LeadId("waiting-2"), 1, T0);
        deliveries.enqueue(WORKSPACE, started.connectionId(), new io.leadsync.domain.lead.LeadId("failed"), 1, T0);
        deliveries.giveUp(deliveries.all(WORKSPACE, started.connectionId()).stream()
                .filter(d -> d.leadId().value().equals("failed")).findFirst().orElseThrow(),
                io.leadsync.application.port.out.DeliveryQueue.State.FAILED, "INVALID_FIELD: x", T0);
        deliveries.enqueue(WORKSPACE, other, new io.leadsync.domain.lead.LeadId("waiting-1"), 1, T0);

        disconnect.disconnect(new DisconnectCommand(WORKSPACE, started.connectionId(), "admin"));

        assertThat(deliveries.all(WORKSPACE, started.connectionId())).extracting(d -> d.leadId().value())
                .containsExactly("failed");
        assertThat(deliveries.all(WORKSPACE, other)).hasSize(1);
        assertThat(audit.recent(WORKSPACE, 50)).filteredOn(e -> e.action().equals("connection.disconnected")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("2 waiting lead(s) cancelled"));
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

    @Test
    void a_salesforce_connect_at_the_sandbox_login_host_keeps_it_for_the_authorize_page_and_the_code_exchange() {
        StartedConnect started = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin",
                Optional.of("SANDBOX"), Optional.empty()));
        complete.complete(callback(started.authorizeUrl(), salesforce.consent(started.authorizeUrl())));

        assertThat(connections.find(WORKSPACE, started.connectionId()).orElseThrow().salesforce().loginHost())
                .isEqualTo(LoginHost.sandbox());
        assertThat(salesforce.loginHosts()).containsExactly(Optional.of(LoginHost.sandbox()),
                Optional.of(LoginHost.sandbox()));
    }

    @Test
    void a_my_domain_is_kept_as_its_https_origin() {
        StartedConnect started = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin",
                Optional.of("MY_DOMAIN"), Optional.of(" https://Acme--UAT.sandbox.my.salesforce.com/ ")));

        assertThat(connections.find(WORKSPACE, started.connectionId()).orElseThrow().salesforce().loginHost()
                .myDomain()).contains(URI.create("https://acme--uat.sandbox.my.salesforce.com"));
    }

    @Test
    void a_my_domain_url_that_is_not_https_under_my_salesforce_com_is_refused_naming_the_field_and_nothing_starts() {
        for (String bad : List.of("http://acme.my.salesforce.com", "https://acme.salesforce.com",
                "https://evil.example/acme.my.salesforce.com", "https://acme.my.salesforce.com/services", "")) {
            assertThatThrownBy(() -> start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin",
                    Optional.of("MY_DOMAIN"), Optional.of(bad))))
                    .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.violations())
                            .containsExactly(new InvalidSettingsException.Violation("myDomainUrl",
                                    LoginHost.MY_DOMAIN_RULE)));
        }
        assertThatThrownBy(() -> start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin",
                Optional.of("STAGING"), Optional.empty())))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.violations().get(0).path())
                        .isEqualTo("loginHost"));
        assertThat(connections.list(WORKSPACE)).isEmpty();
    }

    @Test
    void an_origin_the_installation_accepts_is_a_my_domain_too() {
        StartConnectService demo = new StartConnectService(List.of(salesforce), connections, pending, audit,
                transactions, ids, ids, clock).acceptingMyDomains(java.util.Set.of("http://localhost:4711"));

        StartedConnect started = demo.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin",
                Optional.of("MY_DOMAIN"), Optional.of("http://localhost:4711/")));

        assertThat(connections.find(WORKSPACE, started.connectionId()).orElseThrow().salesforce().loginHost()
                .myDomain()).contains(URI.create("http://localhost:4711"));
    }

    @Test
    void connected_again_to_another_org_after_a_disconnect_the_connection_forgets_the_old_orgs_links_and_pull() {
        StartedConnect first = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));
        complete.complete(callback(first.authorizeUrl(), salesforce.consent(first.authorizeUrl())));
        links.save(new CrmLink(WORKSPACE, first.connectionId(), new LeadId("lead-1"), "00Q000000000001AAA",
                java.util.Map.of(), Optional.empty(), T0, false));
        pulls.claimNow(WORKSPACE, first.connectionId(), T0, "node", T0.plusSeconds(60));
        pulls.checkpoint(WORKSPACE, first.connectionId(), new CrmChangeReader.Watermark(T0, "00Q000000000001AAA"));
        disconnect.disconnect(new DisconnectCommand(WORKSPACE, first.connectionId(), "admin"));

        salesforce.nowReaches("00D000000000002BBB", "Beta Inc");
        StartedConnect again = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));
        complete.complete(callback(again.authorizeUrl(), salesforce.consent(again.authorizeUrl())));

        assertThat(again.connectionId()).isEqualTo(first.connectionId());
        assertThat(links.find(WORKSPACE, first.connectionId(), new LeadId("lead-1"))).isEmpty();
        pulls.finished(WORKSPACE, first.connectionId(), T0, Optional.empty());
        assertThat(pulls.claimNow(WORKSPACE, first.connectionId(), T0, "node", T0.plusSeconds(60)).orElseThrow()
                .watermark()).isEmpty();
        assertThat(audit.recent(WORKSPACE, 50)).anySatisfy(entry -> assertThat(entry.action())
                .isEqualTo("connection.org-changed"));
    }

    @Test
    void connected_again_to_the_same_org_the_connection_keeps_its_links() {
        StartedConnect first = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));
        complete.complete(callback(first.authorizeUrl(), salesforce.consent(first.authorizeUrl())));
        links.save(new CrmLink(WORKSPACE, first.connectionId(), new LeadId("lead-1"), "00Q000000000001AAA",
                java.util.Map.of(), Optional.empty(), T0, false));
        disconnect.disconnect(new DisconnectCommand(WORKSPACE, first.connectionId(), "admin"));

        StartedConnect again = start.start(new StartConnectCommand(WORKSPACE, CrmKind.SALESFORCE, "admin"));
        complete.complete(callback(again.authorizeUrl(), salesforce.consent(again.authorizeUrl())));

        assertThat(links.find(WORKSPACE, first.connectionId(), new LeadId("lead-1"))).isPresent();
    }

    private static CompleteConnectCommand callback(URI authorizeUrl, String code) {
        return new CompleteConnectCommand(FakeCrmAuthorization.parameter(authorizeUrl, "state"), Optional.of(code),
                Optional.empty(), Optional.empty());
    }
}
