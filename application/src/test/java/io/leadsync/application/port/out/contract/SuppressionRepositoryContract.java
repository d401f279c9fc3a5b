package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.EmailAddress;
import io.leadsync.domain.lead.LeadField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link SuppressionRepository} must do: the fake the service tests use and the PostgreSQL table alike. */
public abstract class SuppressionRepositoryContract {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString(
            "00000000-0000-0000-0000-0000000000c1"));
    private static final ConnectionId HUBSPOT = new ConnectionId(UUID.fromString(
            "00000000-0000-0000-0000-0000000000c2"));
    private SuppressionRepository suppressions;

    /** Every storage port, empty. */
    protected abstract StoragePorts emptyStorage();

    /** The suppression lists stored with {@code storage}. */
    protected abstract SuppressionRepository suppressions(StoragePorts storage);

    @BeforeEach
    void setUp() {
        StoragePorts storage = emptyStorage().withFixtureWorkspaces();
        for (ConnectionId id : List.of(SALESFORCE, HUBSPOT)) {
            storage.connections().insert(CrmConnection.start(id, WORKSPACE, id.equals(SALESFORCE)
                    ? CrmKind.SALESFORCE : CrmKind.HUBSPOT, SyncSettings.defaults(),
                    List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName")), T0));
        }
        suppressions = suppressions(storage);
    }

    @Test
    void a_connection_without_a_list_suppresses_nothing() {
        assertThat(suppressions.find(WORKSPACE, SALESFORCE)).isEqualTo(Suppressions.NONE);
    }

    @Test
    void a_list_comes_back_normalised_for_its_connection_only_and_a_new_list_replaces_it() {
        suppressions.replace(WORKSPACE, SALESFORCE, new Suppressions(Set.of("CEO@Rival.example"),
                Set.of("competitor.example")));

        Suppressions found = suppressions.find(WORKSPACE, SALESFORCE);
        assertThat(found.emails()).containsExactly("ceo@rival.example");
        assertThat(found.domains()).containsExactly("competitor.example");
        assertThat(found.reasonFor(new EmailAddress("anyone@competitor.example"))).isPresent();
        assertThat(suppressions.find(WORKSPACE, HUBSPOT)).isEqualTo(Suppressions.NONE);

        suppressions.replace(WORKSPACE, SALESFORCE, new Suppressions(Set.of(), Set.of("other.example")));
        assertThat(suppressions.find(WORKSPACE, SALESFORCE)).isEqualTo(new Suppressions(Set.of(),
                Set.of("other.example")));
        suppressions.replace(WORKSPACE, SALESFORCE, Suppressions.NONE);
        assertThat(suppressions.find(WORKSPACE, SALESFORCE)).isEqualTo(Suppressions.NONE);
    }
}
