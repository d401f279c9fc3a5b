package io.leadsync.domain.sync;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeSourceTest {

    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
    private static final ConnectionId HUBSPOT = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c2"));

    @Test
    void a_change_made_in_leadsync_is_pushed_to_every_connection() {
        ChangeSource agent = new ChangeSource.App("agent-7");

        assertThat(agent.mayPushTo(SALESFORCE)).isTrue();
        assertThat(agent.mayPushTo(HUBSPOT)).isTrue();
    }

    @Test
    void a_change_pulled_from_a_crm_is_never_pushed_back_to_that_crm() {
        ChangeSource fromSalesforce = new ChangeSource.Crm(SALESFORCE);

        assertThat(fromSalesforce.mayPushTo(SALESFORCE)).isFalse();
        assertThat(fromSalesforce.mayPushTo(new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"))))
                .as("the same connection by another id instance").isFalse();
    }

    @Test
    void a_change_pulled_from_a_crm_is_pushed_on_to_the_workspaces_other_connections() {
        assertThat(new ChangeSource.Crm(SALESFORCE).mayPushTo(HUBSPOT)).isTrue();
    }

    @Test
    void a_change_event_carries_at_least_one_field_change_and_keeps_its_own_copy() {
        FieldChange change = new FieldChange(LeadField.CITY, Optional.empty(), Optional.of("London"));
        List<FieldChange> changes = new ArrayList<>(List.of(change));
        LeadChanged event = new LeadChanged(UUID.fromString("00000000-0000-0000-0000-0000000000e1"), WORKSPACE,
                new LeadId("lead-1"), 2, false, changes, new ChangeSource.Crm(SALESFORCE), T0);

        changes.clear();

        assertThat(event.changes()).containsExactly(change);
        assertThatThrownBy(() -> new LeadChanged(UUID.fromString("00000000-0000-0000-0000-0000000000e2"), WORKSPACE, new LeadId("lead-1"), 2, false,
                List.of(), new ChangeSource.App("agent-7"), T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
