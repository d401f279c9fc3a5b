package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.Readiness;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link CrmConnectionRepository} and {@link CrmLinkRepository} must do. */
public abstract class CrmStorageContract {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final ConnectionId HUBSPOT = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c2"));
    private static final LeadId LEAD = new LeadId("lead-1");

    private CrmConnectionRepository connections;
    private CrmLinkRepository links;

    protected abstract StoragePorts emptyStorage();

    @BeforeEach
    void setUp() {
        StoragePorts storage = emptyStorage().withFixtureWorkspaces();
        storage.leads().insert(aLead().withId(LEAD.value()).build());
        storage.leads().insert(aLead().withId("lead-2").build());
        connections = storage.connections();
        links = storage.links();
    }

    @Test
    void a_connection_comes_back_with_its_state_identity_settings_and_mappings() {
        CrmConnection connection = salesforce();
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme Corp", "00D000000000001",
                Optional.of("https://acme.my.salesforce.com"), Optional.of("005000000000001AAA")), T0.plusSeconds(5));
        connection.changeSettings(new SyncSettings(SyncFrequency.HOURLY, SyncDirection.PUSH, ConflictPolicy.MOST_RECENT,
                false, true, TargetObject.LEAD), List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName"),
                new FieldMapping(LeadField.JOB_TITLE, "Title", SyncDirection.PULL, Optional.of(ConflictPolicy.APP_WINS))),
                T0.plusSeconds(9));
        connections.insert(connection);

        CrmConnection stored = connections.find(WORKSPACE, SALESFORCE).orElseThrow();

        assertThat(stored.state()).isEqualTo(connection.state());
        assertThat(stored.stateReason()).isEqualTo(connection.stateReason());
        assertThat(stored.identity()).isEqualTo(connection.identity());
        assertThat(stored.settings()).isEqualTo(connection.settings());
        assertThat(stored.mappings()).isEqualTo(connection.mappings());
        assertThat(stored.kind()).isEqualTo(CrmKind.SALESFORCE);
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void an_updated_connection_keeps_its_new_state() {
        connections.insert(salesforce());

        connections.update(WORKSPACE, SALESFORCE, connection -> {
            connection.authorised(new CrmIdentity("admin@acme.example", "Acme Corp", "00D1", Optional.empty()),
                    T0.plusSeconds(1));
            connection.verified(T0.plusSeconds(2));
        });

        assertThat(connections.find(WORKSPACE, SALESFORCE).orElseThrow().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void the_last_readiness_check_comes_back_with_every_problem_and_its_fix() {
        connections.insert(salesforce());
        assertThat(connections.find(WORKSPACE, SALESFORCE).orElseThrow().readiness()).isEmpty();
        Readiness check = new Readiness(List.of(
                new Readiness.Problem(Readiness.Kind.MISSING_PERMISSION, "Lead", "rep may not create fields", "connect as an admin"),
                new Readiness.Problem(Readiness.Kind.MISSING, "LeadSync_Status__c", "does not exist", "provision again")));

        connections.update(WORKSPACE, SALESFORCE, connection -> {
            connection.authorised(new CrmIdentity("rep@acme.example", "Acme Corp", "00D1", Optional.empty()),
                    T0.plusSeconds(1));
            connection.checked(check, T0.plusSeconds(2));
        });

        CrmConnection stored = connections.find(WORKSPACE, SALESFORCE).orElseThrow();
        assertThat(stored.state()).isEqualTo(ConnectionState.NEEDS_SETUP);
        assertThat(stored.readiness()).contains(check);

        connections.update(WORKSPACE, SALESFORCE, connection -> connection.checked(Readiness.ready(), T0.plusSeconds(3)));
        assertThat(connections.find(WORKSPACE, SALESFORCE).orElseThrow().readiness()).contains(Readiness.ready());
    }

    @Test
    void update_by_id_applies_the_change_to_the_stored_connection_and_another_workspace_changes_nothing() {
        connections.insert(salesforce());

        java.util.List<ConnectionState> seen = new java.util.ArrayList<>();
        Optional<CrmConnection> changed = connections.update(WORKSPACE, SALESFORCE, current -> {
            seen.add(current.state());
            current.needsReauth("the refresh token was revoked", T0.plusSeconds(5));
        });

        assertThat(seen).containsExactly(salesforce().state());
        assertThat(changed).map(CrmConnection::state).contains(ConnectionState.NEEDS_REAUTH);
        assertThat(connections.find(WORKSPACE, SALESFORCE).orElseThrow().state())
                .isEqualTo(ConnectionState.NEEDS_REAUTH);
        assertThat(connections.update(OTHER_WORKSPACE, SALESFORCE, current -> current.verified(T0.plusSeconds(6))))
                .isEmpty();
        assertThat(connections.find(WORKSPACE, SALESFORCE).orElseThrow().state())
                .isEqualTo(ConnectionState.NEEDS_REAUTH);
    }

    @Test
    void a_change_that_throws_writes_nothing() {
        connections.insert(salesforce());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connections.update(WORKSPACE, SALESFORCE, current -> {
            current.needsReauth("the refresh token was revoked", T0.plusSeconds(5));
            throw new IllegalArgumentException("refused by a rule");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(connections.find(WORKSPACE, SALESFORCE).orElseThrow().state()).isEqualTo(salesforce().state());
    }

    @Test
    void another_workspace_sees_neither_connections_nor_links() {
        connections.insert(salesforce());
        links.save(link("00Q000000000001", Map.of(LeadField.LAST_NAME, "Lovelace")));

        assertThat(connections.find(OTHER_WORKSPACE, SALESFORCE)).isEmpty();
        assertThat(connections.list(OTHER_WORKSPACE)).isEmpty();
        assertThat(links.find(OTHER_WORKSPACE, SALESFORCE, LEAD)).isEmpty();
        assertThat(links.findByCrmRecordId(OTHER_WORKSPACE, SALESFORCE, "00Q000000000001")).isEmpty();
        assertThat(links.forLead(OTHER_WORKSPACE, LEAD)).isEmpty();
    }

    @Test
    void a_link_keeps_the_merge_base_of_every_field_and_saving_again_replaces_it() {
        connections.insert(salesforce());
        links.save(link("00Q000000000001", Map.of(LeadField.LAST_NAME, "Lovelace", LeadField.CITY, "London")));
        CrmLink resynced = link("00Q000000000001", Map.of(LeadField.LAST_NAME, "Lovelace", LeadField.JOB_TITLE, "CTO"))
                .synced(Map.of(LeadField.LAST_NAME, "Lovelace", LeadField.JOB_TITLE, "CTO"),
                        Optional.of(T0.plusSeconds(30)), T0.plusSeconds(31));

        links.save(resynced);

        CrmLink stored = links.find(WORKSPACE, SALESFORCE, LEAD).orElseThrow();
        assertThat(stored).isEqualTo(resynced);
        assertThat(stored.base(LeadField.CITY)).isEmpty();
        assertThat(links.findByCrmRecordId(WORKSPACE, SALESFORCE, "00Q000000000001")).contains(resynced);
    }

    @Test
    void links_of_a_page_of_records_are_saved_and_found_together() {
        connections.insert(salesforce());
        CrmLink first = link("00Q000000000001", Map.of(LeadField.LAST_NAME, "Lovelace"));
        CrmLink second = new CrmLink(WORKSPACE, SALESFORCE, new LeadId("lead-2"), "00Q000000000002",
                Map.of(LeadField.CITY, "Paris"), Optional.of(T0), T0, false);

        links.saveAll(List.of(first, second));

        assertThat(links.findByCrmRecordIds(WORKSPACE, SALESFORCE, List.of("00Q000000000001", "00Q000000000002",
                "00Q000000000404"))).containsOnlyKeys("00Q000000000001", "00Q000000000002")
                .containsEntry("00Q000000000002", second);
        assertThat(links.findByCrmRecordIds(OTHER_WORKSPACE, SALESFORCE, List.of("00Q000000000001"))).isEmpty();
    }

    @Test
    void a_lead_has_one_link_per_connection() {
        connections.insert(salesforce());
        connections.insert(CrmConnection.start(HUBSPOT, WORKSPACE, CrmKind.HUBSPOT, SyncSettings.defaults(),
                List.of(FieldMapping.both(LeadField.LAST_NAME, "lastname")), T0));
        links.save(link("00Q000000000001", Map.of()));
        links.save(new CrmLink(WORKSPACE, HUBSPOT, LEAD, "51", Map.of(), Optional.empty(), T0, false));
        links.save(link("00Q000000000001", Map.of()).markDeletedInCrm(T0.plusSeconds(3)));

        List<CrmLink> all = links.forLead(WORKSPACE, LEAD);

        assertThat(all).extracting(CrmLink::crmRecordId).containsExactlyInAnyOrder("00Q000000000001", "51");
        assertThat(all).filteredOn(CrmLink::deletedInCrm).extracting(CrmLink::connectionId).containsExactly(SALESFORCE);
        assertThat(connections.list(WORKSPACE)).extracting(CrmConnection::id).containsExactly(SALESFORCE, HUBSPOT);
    }

    @Test
    void a_salesforce_connection_keeps_its_login_host_and_page_layout_option() {
        CrmConnection connection = salesforce();
        connection.changeSalesforceOptions(new io.leadsync.domain.crm.SalesforceOptions(
                io.leadsync.domain.crm.LoginHost.myDomain("https://acme.my.salesforce.com", java.util.Set.of()), true),
                T0.plusSeconds(1));
        connections.insert(connection);

        assertThat(connections.find(WORKSPACE, SALESFORCE).orElseThrow().salesforce())
                .isEqualTo(connection.salesforce());
    }

    @Test
    void forgetting_a_connections_links_leaves_the_other_connections_links() {
        connections.insert(salesforce());
        connections.insert(CrmConnection.start(HUBSPOT, WORKSPACE, CrmKind.HUBSPOT, SyncSettings.defaults(),
                List.of(FieldMapping.both(LeadField.LAST_NAME, "lastname")), T0));
        links.save(link("00Q000000000001", Map.of()));
        links.save(new CrmLink(WORKSPACE, HUBSPOT, LEAD, "51", Map.of(), Optional.empty(), T0, false));

        assertThat(links.forgetConnection(OTHER_WORKSPACE, SALESFORCE)).isZero();
        assertThat(links.forgetConnection(WORKSPACE, SALESFORCE)).isEqualTo(1);

        assertThat(links.find(WORKSPACE, SALESFORCE, LEAD)).isEmpty();
        assertThat(links.forLead(WORKSPACE, LEAD)).extracting(CrmLink::crmRecordId).containsExactly("51");
    }

    private static CrmConnection salesforce() {
        return CrmConnection.start(SALESFORCE, WORKSPACE, CrmKind.SALESFORCE, SyncSettings.defaults(),
                List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName")), T0);
    }

    private static CrmLink link(String recordId, Map<LeadField, String> base) {
        return new CrmLink(WORKSPACE, SALESFORCE, LEAD, recordId, base, Optional.of(T0), T0, false);
    }
}
