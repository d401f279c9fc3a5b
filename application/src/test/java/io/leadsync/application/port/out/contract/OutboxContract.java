package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.Outbox;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.sync.LeadChanged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link Outbox} must do. */
public abstract class OutboxContract {
    private static final LeadId LEAD = new LeadId("lead-1");
    private Outbox outbox;

    protected abstract StoragePorts emptyStorage();

    @BeforeEach
    void setUp() {
        StoragePorts storage = emptyStorage().withFixtureWorkspaces();
        storage.leads().insert(aLead().withId(LEAD.value()).build());
        storage.leads().insert(aLead().withId(LEAD.value()).inWorkspace(OTHER_WORKSPACE).build());
        outbox = storage.outbox();
    }

    @Test
    void a_leads_changes_come_back_oldest_first_exactly_as_appended() {
        ConnectionId salesforce = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));
        LeadChanged created = new LeadChanged(UUID.randomUUID(), WORKSPACE, LEAD, 1, true,
                List.of(new FieldChange(LeadField.LAST_NAME, Optional.empty(), Optional.of("Lovelace"))),
                new ChangeSource.App("api-key lsk_abc"), T0);
        LeadChanged cleared = new LeadChanged(UUID.randomUUID(), WORKSPACE, LEAD, 2, false,
                List.of(new FieldChange(LeadField.CITY, Optional.of("London"), Optional.empty()),
                        new FieldChange(LeadField.ABOUT, Optional.empty(), Optional.of("line one\n\"two\" ✓"))),
                new ChangeSource.Crm(salesforce), T0.plusSeconds(60));
        LeadChanged third = new LeadChanged(UUID.randomUUID(), WORKSPACE, LEAD, 3, false,
                List.of(new FieldChange(LeadField.STATUS, Optional.of("NEW"), Optional.of("CONTACTED"))),
                new ChangeSource.App("api-key lsk_abc"), T0.plusSeconds(30), Optional.of(java.util.Set.of(salesforce)));

        outbox.append(created);
        outbox.append(cleared);
        outbox.append(third);

        // Commit order, not the change instant, orders the log.
        assertThat(outbox.forLead(WORKSPACE, LEAD)).containsExactly(created, cleared, third);
    }

    @Test
    void changes_appended_together_come_back_in_order() {
        List<LeadChanged> changes = List.of(
                new LeadChanged(UUID.randomUUID(), WORKSPACE, LEAD, 2, false,
                        List.of(new FieldChange(LeadField.CITY, Optional.empty(), Optional.of("Paris"))),
                        new ChangeSource.Crm(new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"))),
                        T0),
                new LeadChanged(UUID.randomUUID(), WORKSPACE, LEAD, 3, false,
                        List.of(new FieldChange(LeadField.CITY, Optional.of("Paris"), Optional.of("Lyon"))),
                        new ChangeSource.App("api-key lsk_abc"), T0.plusSeconds(1)));

        outbox.appendAll(changes);

        assertThat(outbox.forLead(WORKSPACE, LEAD)).containsExactlyElementsOf(changes);
    }

    @Test
    void another_workspace_does_not_see_the_changes() {
        outbox.append(new LeadChanged(UUID.randomUUID(), WORKSPACE, LEAD, 1, true,
                List.of(new FieldChange(LeadField.LAST_NAME, Optional.empty(), Optional.of("Lovelace"))),
                new ChangeSource.App("agent"), T0));

        assertThat(outbox.forLead(OTHER_WORKSPACE, LEAD)).isEmpty();
    }

    @Test
    void unrouted_changes_are_claimed_oldest_first_and_once_routed_never_again() {
        LeadChanged first = change(1, T0);
        LeadChanged second = change(2, T0.plusSeconds(1));
        LeadChanged third = change(3, T0.plusSeconds(2));
        outbox.append(first);
        outbox.append(second);
        outbox.append(third);

        List<LeadChanged> claimed = outbox.claimUnrouted(2);
        outbox.markRouted(claimed.stream().map(LeadChanged::id).toList(), T0.plusSeconds(3));

        assertThat(claimed).containsExactly(first, second);
        assertThat(outbox.claimUnrouted(10)).containsExactly(third);
        assertThat(outbox.forLead(WORKSPACE, LEAD)).containsExactly(first, second, third);
    }

    private static LeadChanged change(long version, java.time.Instant at) {
        return new LeadChanged(UUID.randomUUID(), WORKSPACE, LEAD, version, version == 1,
                List.of(new FieldChange(LeadField.JOB_TITLE, Optional.empty(), Optional.of("CTO " + version))),
                new ChangeSource.App("agent"), at);
    }
}
