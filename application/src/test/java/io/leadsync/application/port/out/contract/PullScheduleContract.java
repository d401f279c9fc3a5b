package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.SyncSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link PullSchedule} must do: due connected connections at once, one claimant, watermark kept. */
public abstract class PullScheduleContract {
    private static final ConnectionId CONNECTED = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000f1"));
    private static final ConnectionId NOT_READY = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000f2"));
    private static final Instant LEASE = T0.plusSeconds(60);

    private PullSchedule pulls;

    protected abstract StoragePorts emptyStorage();

    @BeforeEach
    void setUp() {
        StoragePorts storage = emptyStorage().withFixtureWorkspaces();
        CrmConnectionRepository connections = storage.connections();
        CrmConnection connected = CrmConnection.start(CONNECTED, WORKSPACE, CrmKind.SALESFORCE, SyncSettings.defaults(),
                DefaultMappings.salesforce("LeadSync"), T0);
        connected.authorised(new CrmIdentity("admin@acme.example", "Acme", "00D1", Optional.empty()), T0);
        connected.verified(T0);
        connections.insert(connected);
        connections.insert(CrmConnection.start(NOT_READY, WORKSPACE, CrmKind.HUBSPOT, SyncSettings.defaults(),
                DefaultMappings.hubspot("LeadSync"), T0));
        pulls = storage.pulls();
    }

    @Test
    void a_connected_connection_is_due_at_once_and_claimed_by_one_node_until_its_lease_ends() {
        assertThat(pulls.claimDue(T0, "node-1", LEASE, 10)).singleElement().satisfies(due -> {
            assertThat(due.connectionId()).isEqualTo(CONNECTED);
            assertThat(due.watermark()).isEmpty();
        });
        assertThat(pulls.claimDue(T0.plusSeconds(1), "node-2", LEASE, 10)).isEmpty();
        assertThat(pulls.claimDue(LEASE.plusSeconds(1), "node-2", LEASE.plusSeconds(60), 10)).hasSize(1);
    }

    @Test
    void a_finished_pull_is_due_again_at_its_next_time_from_its_saved_watermark() {
        pulls.claimDue(T0, "node-1", LEASE, 10);
        Watermark reached = new Watermark(T0.minusSeconds(5), "00Q000000000001AAA");
        pulls.checkpoint(WORKSPACE, CONNECTED, reached);
        pulls.finished(WORKSPACE, CONNECTED, T0.plusSeconds(300), Optional.of(T0));

        assertThat(pulls.claimDue(T0.plusSeconds(299), "node-1", LEASE, 10)).isEmpty();
        assertThat(pulls.claimDue(T0.plusSeconds(300), "node-1", T0.plusSeconds(360), 10)).singleElement()
                .satisfies(due -> {
                    assertThat(due.watermark()).contains(reached);
                    assertThat(due.deletionsCheckedUntil()).contains(T0);
                });
    }

    @Test
    void the_deletion_scan_resumes_where_the_last_scan_left_it_and_a_pull_without_a_scan_keeps_that_place() {
        pulls.claimDue(T0, "node-1", LEASE, 10);
        pulls.finished(WORKSPACE, CONNECTED, T0.plusSeconds(60), Optional.of(T0), Optional.of("52201"));
        pulls.claimDue(T0.plusSeconds(60), "node-1", T0.plusSeconds(120), 10);
        // Stopped before the scan (a spent budget): the place stays.
        pulls.finished(WORKSPACE, CONNECTED, T0.plusSeconds(180), Optional.empty(), Optional.empty());

        assertThat(pulls.claimDue(T0.plusSeconds(180), "node-2", T0.plusSeconds(240), 10)).singleElement()
                .satisfies(due -> assertThat(due.deletionsResume()).contains("52201"));
        // A scan that reached the end starts over next time.
        pulls.finished(WORKSPACE, CONNECTED, T0.plusSeconds(300), Optional.of(T0.plusSeconds(180)), Optional.empty());
        assertThat(pulls.claimDue(T0.plusSeconds(300), "node-2", T0.plusSeconds(360), 10)).singleElement()
                .satisfies(due -> assertThat(due.deletionsResume()).isEmpty());
    }

    @Test
    void pull_now_claims_a_connection_before_it_is_due_but_not_while_another_node_pulls_it() {
        pulls.claimDue(T0, "node-1", LEASE, 10);

        assertThat(pulls.claimNow(WORKSPACE, CONNECTED, T0.plusSeconds(1), "node-2", LEASE)).isEmpty();
        pulls.finished(WORKSPACE, CONNECTED, T0.plusSeconds(300), Optional.empty());
        assertThat(pulls.claimNow(WORKSPACE, CONNECTED, T0.plusSeconds(2), "node-2", LEASE)).isPresent();
        assertThat(pulls.claimNow(OTHER_WORKSPACE, CONNECTED, LEASE.plusSeconds(1), "node-3", LEASE.plusSeconds(60)))
                .isEmpty();
    }

    @Test
    void a_faster_cycle_brings_the_next_pull_forward_and_a_slower_one_leaves_it() {
        pulls.claimDue(T0, "node-1", LEASE, 10);
        pulls.finished(WORKSPACE, CONNECTED, T0.plusSeconds(3_600), Optional.empty());

        pulls.pullBy(WORKSPACE, CONNECTED, T0.plusSeconds(7_200));
        pulls.pullBy(OTHER_WORKSPACE, CONNECTED, T0.plusSeconds(10));
        assertThat(pulls.claimDue(T0.plusSeconds(60), "node-1", LEASE.plusSeconds(60), 10)).isEmpty();
        pulls.pullBy(WORKSPACE, CONNECTED, T0.plusSeconds(60));

        assertThat(pulls.claimDue(T0.plusSeconds(60), "node-1", LEASE.plusSeconds(60), 10)).hasSize(1);
    }
}
