package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.DeliveryQueue.Delivery;
import io.leadsync.application.port.out.DeliveryQueue.State;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link DeliveryQueue} must do: coalesce, lease, keep newer versions, fail visibly, stay in its workspace. */
public abstract class DeliveryQueueContract {
    private static final ConnectionId CRM = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000d1"));
    private static final ConnectionId OTHER_CRM = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000d2"));
    private static final LeadId ADA = new LeadId("ada");
    private static final LeadId GRACE = new LeadId("grace");
    private static final Instant LEASE = T0.plusSeconds(60);

    private DeliveryQueue queue;

    protected abstract StoragePorts emptyStorage();

    @BeforeEach
    void setUp() {
        StoragePorts storage = emptyStorage().withFixtureWorkspaces();
        storage.leads().insert(aLead().withId(ADA.value()).build());
        storage.leads().insert(aLead().withId(GRACE.value()).build());
        storage.leads().insert(aLead().withId(ADA.value()).inWorkspace(OTHER_WORKSPACE).build());
        storage.connections().insert(CrmConnection.start(CRM, WORKSPACE, CrmKind.SALESFORCE, SyncSettings.defaults(),
                DefaultMappings.salesforce("LeadSync"), T0));
        storage.connections().insert(CrmConnection.start(OTHER_CRM, OTHER_WORKSPACE, CrmKind.HUBSPOT,
                SyncSettings.defaults(), DefaultMappings.hubspot("LeadSync"), T0));
        queue = storage.deliveries();
    }

    @Test
    void a_disconnect_cancels_only_the_connections_pending_deliveries() {
        queue.enqueue(WORKSPACE, CRM, ADA, 1, T0);
        queue.enqueue(WORKSPACE, CRM, GRACE, 1, T0);
        Delivery failed = queue.claim(WORKSPACE, CRM, "node-1", T0, LEASE, 10).stream()
                .filter(delivery -> delivery.leadId().equals(GRACE)).findFirst().orElseThrow();
        queue.giveUp(failed, DeliveryQueue.State.FAILED, "INVALID_FIELD: x", T0);
        queue.enqueue(OTHER_WORKSPACE, OTHER_CRM, ADA, 1, T0);

        assertThat(queue.cancelPending(OTHER_WORKSPACE, CRM)).isZero();
        assertThat(queue.cancelPending(WORKSPACE, CRM)).isEqualTo(1);

        assertThat(queue.all(WORKSPACE, CRM)).singleElement()
                .satisfies(delivery -> assertThat(delivery.leadId()).isEqualTo(GRACE));
        assertThat(queue.all(OTHER_WORKSPACE, OTHER_CRM)).hasSize(1);
    }

    @Test
    void a_faster_frequency_brings_untried_pending_deliveries_forward_and_leaves_retries_and_others_alone() {
        queue.enqueue(WORKSPACE, CRM, ADA, 1, T0.plusSeconds(900));
        queue.enqueue(WORKSPACE, CRM, GRACE, 1, T0);
        Delivery retried = queue.claim(WORKSPACE, CRM, "node-1", T0, LEASE, 10).get(0);
        queue.retryLater(retried, Optional.of("UNAVAILABLE"), T0.plusSeconds(600), true);
        queue.enqueue(OTHER_WORKSPACE, OTHER_CRM, ADA, 1, T0.plusSeconds(900));

        assertThat(queue.bringForward(WORKSPACE, CRM, T0.plusSeconds(1))).isEqualTo(1);

        assertThat(queue.all(WORKSPACE, CRM)).extracting(Delivery::leadId, Delivery::dueAt).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ADA, T0.plusSeconds(1)),
                org.assertj.core.groups.Tuple.tuple(GRACE, T0.plusSeconds(600)));
        assertThat(queue.all(OTHER_WORKSPACE, OTHER_CRM)).extracting(Delivery::dueAt)
                .containsExactly(T0.plusSeconds(900));
    }

    @Test
    void changes_to_one_lead_coalesce_into_one_delivery_of_the_latest_version() {
        queue.enqueue(WORKSPACE, CRM, ADA, 1, T0);
        queue.enqueue(WORKSPACE, CRM, ADA, 3, T0.plusSeconds(1));
        queue.enqueue(WORKSPACE, CRM, ADA, 2, T0.plusSeconds(2));

        assertThat(queue.all(WORKSPACE, CRM)).singleElement().satisfies(delivery -> {
            assertThat(delivery.version()).isEqualTo(3);
            assertThat(delivery.state()).isEqualTo(State.PENDING);
            assertThat(delivery.dueAt()).isEqualTo(T0);
        });
    }

    @Test
    void a_page_of_leads_owed_is_enqueued_together_and_joins_what_is_pending() {
        queue.enqueue(WORKSPACE, CRM, ADA, 4, T0);
        java.util.Map<LeadId, Long> owed = new java.util.LinkedHashMap<>();
        owed.put(ADA, 2L);
        owed.put(GRACE, 7L);

        queue.enqueueAll(WORKSPACE, CRM, owed, T0.plusSeconds(5), DeliveryQueue.Cause.PULL);

        assertThat(queue.all(WORKSPACE, CRM)).hasSize(2).allSatisfy(delivery ->
                assertThat(delivery.cause()).isEqualTo(DeliveryQueue.Cause.PULL));
        assertThat(queue.all(WORKSPACE, CRM)).filteredOn(delivery -> delivery.leadId().equals(ADA)).singleElement()
                .satisfies(delivery -> {
                    assertThat(delivery.version()).isEqualTo(4);
                    assertThat(delivery.dueAt()).isEqualTo(T0);
                });
        assertThat(queue.all(WORKSPACE, CRM)).filteredOn(delivery -> delivery.leadId().equals(GRACE)).singleElement()
                .satisfies(delivery -> assertThat(delivery.version()).isEqualTo(7));
    }

    @Test
    void a_claimed_delivery_is_not_claimed_again_until_its_lease_runs_out() {
        queue.enqueue(WORKSPACE, CRM, ADA, 1, T0);
        queue.enqueue(WORKSPACE, CRM, GRACE, 1, T0);

        List<Delivery> first = queue.claim(WORKSPACE, CRM, "node-1", T0, LEASE, 1);
        List<Delivery> second = queue.claim(WORKSPACE, CRM, "node-2", T0, LEASE, 10);
        List<Delivery> third = queue.claim(WORKSPACE, CRM, "node-2", T0.plusSeconds(1), LEASE, 10);
        List<Delivery> afterLease = queue.claim(WORKSPACE, CRM, "node-3", LEASE.plusSeconds(1), LEASE.plusSeconds(60), 10);

        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1).extracting(Delivery::leadId).doesNotContain(first.get(0).leadId());
        assertThat(third).isEmpty();
        assertThat(afterLease).hasSize(2);
    }

    @Test
    void only_due_deliveries_are_claimed_and_due_names_their_connection() {
        queue.enqueue(WORKSPACE, CRM, ADA, 1, T0.plusSeconds(30));

        assertThat(queue.due(T0, 10)).isEmpty();
        assertThat(queue.claim(WORKSPACE, CRM, "node-1", T0, LEASE, 10)).isEmpty();
        assertThat(queue.due(T0.plusSeconds(30), 10)).containsExactly(new DeliveryQueue.Due(WORKSPACE, CRM));
    }

    @Test
    void a_delivery_goes_once_delivered_unless_a_newer_change_arrived_meanwhile() {
        queue.enqueue(WORKSPACE, CRM, ADA, 1, T0);
        queue.enqueue(WORKSPACE, CRM, GRACE, 1, T0);
        List<Delivery> claimed = queue.claim(WORKSPACE, CRM, "node-1", T0, LEASE, 10);
        queue.enqueue(WORKSPACE, CRM, GRACE, 2, T0.plusSeconds(1));

        claimed.forEach(delivery -> queue.delivered(delivery, 1));

        assertThat(queue.all(WORKSPACE, CRM)).singleElement().satisfies(delivery -> {
            assertThat(delivery.leadId()).isEqualTo(GRACE);
            assertThat(delivery.version()).isEqualTo(2);
        });
        assertThat(queue.claim(WORKSPACE, CRM, "node-1", T0.plusSeconds(2), LEASE, 10)).hasSize(1);
    }

    @Test
    void a_batch_delivered_together_goes_as_one_keeping_each_newer_change_pending_and_unclaimed() {
        queue.enqueue(WORKSPACE, CRM, ADA, 1, T0);
        queue.enqueue(WORKSPACE, CRM, GRACE, 1, T0);
        List<Delivery> claimed = queue.claim(WORKSPACE, CRM, "node-1", T0, LEASE, 10);
        queue.enqueue(WORKSPACE, CRM, GRACE, 2, T0.plusSeconds(1));

        queue.delivered(claimed, claimed.stream().map(delivery -> 1L).toList());

        assertThat(queue.all(WORKSPACE, CRM)).singleElement().satisfies(delivery -> {
            assertThat(delivery.leadId()).isEqualTo(GRACE);
            assertThat(delivery.version()).isEqualTo(2);
            assertThat(delivery.attempts()).isZero();
        });
        assertThat(queue.claim(WORKSPACE, CRM, "node-2", T0.plusSeconds(2), LEASE, 10)).as("free before the lease ends")
                .hasSize(1);
    }

    @Test
    void leads_written_outside_the_queue_leave_it_up_to_their_version_unless_a_node_is_sending_them() {
        queue.enqueue(WORKSPACE, CRM, ADA, 2, T0);
        queue.enqueue(WORKSPACE, CRM, GRACE, 1, T0);
        queue.enqueue(OTHER_WORKSPACE, OTHER_CRM, ADA, 1, T0);
        queue.deliveredAll(WORKSPACE, CRM, java.util.Map.of(ADA, 1L, GRACE, 1L), T0);
        assertThat(queue.all(WORKSPACE, CRM)).as("Ada's newer change is still owed").singleElement()
                .satisfies(delivery -> assertThat(delivery.leadId()).isEqualTo(ADA));

        queue.claim(WORKSPACE, CRM, "node-1", T0, LEASE, 10);
        queue.deliveredAll(WORKSPACE, CRM, java.util.Map.of(ADA, 2L), T0.plusSeconds(1));
        assertThat(queue.all(WORKSPACE, CRM)).as("node-1 settles what it sends").hasSize(1);
        queue.deliveredAll(WORKSPACE, CRM, java.util.Map.of(ADA, 2L), LEASE.plusSeconds(1));
        assertThat(queue.all(WORKSPACE, CRM)).isEmpty();
        assertThat(queue.all(OTHER_WORKSPACE, OTHER_CRM)).hasSize(1);
    }

    @Test
    void an_entry_remembers_what_queued_it_last_and_a_resync_says_so() {
        queue.enqueue(WORKSPACE, CRM, ADA, 1, T0, DeliveryQueue.Cause.BACKFILL);
        assertThat(queue.all(WORKSPACE, CRM)).singleElement().extracting(Delivery::cause)
                .isEqualTo(DeliveryQueue.Cause.BACKFILL);
        Delivery claimed = queue.claim(WORKSPACE, CRM, "node-1", T0, LEASE, 10).get(0);
        queue.giveUp(claimed, State.FAILED, "REQUIRED_FIELD_MISSING: Company", T0);

        queue.resyncFailed(WORKSPACE, CRM, T0.plusSeconds(5));

        assertThat(queue.all(WORKSPACE, CRM)).singleElement().extracting(Delivery::cause)
                .isEqualTo(DeliveryQueue.Cause.RESYNC);
    }

    @Test
    void a_retry_counts_the_attempt_keeps_the_error_and_waits_until_due() {
        queue.enqueue(WORKSPACE, CRM, ADA, 1, T0);
        Delivery claimed = queue.claim(WORKSPACE, CRM, "node-1", T0, LEASE, 10).get(0);

        queue.retryLater(claimed, Optional.of("UNABLE_TO_LOCK_ROW: unable to obtain exclusive access"),
                T0.plusSeconds(30), true);

        assertThat(queue.claim(WORKSPACE, CRM, "node-1", T0.plusSeconds(29), LEASE, 10)).isEmpty();
        assertThat(queue.claim(WORKSPACE, CRM, "node-1", T0.plusSeconds(30), LEASE, 10)).singleElement()
                .satisfies(delivery -> {
                    assertThat(delivery.attempts()).isEqualTo(1);
                    assertThat(delivery.lastError()).hasValueSatisfying(error -> assertThat(error).contains("LOCK"));
                });
    }

    @Test
    void a_batch_retried_together_keeps_each_ones_due_time_error_and_attempts() {
        queue.enqueue(WORKSPACE, CRM, ADA, 1, T0);
        queue.enqueue(WORKSPACE, CRM, GRACE, 1, T0);
        List<Delivery> claimed = queue.claim(WORKSPACE, CRM, "node-1", T0, LEASE, 10);
        Delivery ada = claimed.stream().filter(d -> d.leadId().equals(ADA)).findFirst().orElseThrow();
        Delivery grace = claimed.stream().filter(d -> d.leadId().equals(GRACE)).findFirst().orElseThrow();

        queue.retryLaterAll(List.of(
                new DeliveryQueue.Retry(ada, Optional.of("SERVER_UNAVAILABLE: try later"), T0.plusSeconds(30), true),
                new DeliveryQueue.Retry(grace, Optional.empty(), T0.plusSeconds(10), false)));

        assertThat(queue.claim(WORKSPACE, CRM, "node-2", T0.plusSeconds(9), LEASE, 10)).as("neither due yet").isEmpty();
        assertThat(queue.claim(WORKSPACE, CRM, "node-2", T0.plusSeconds(10), LEASE, 10)).singleElement()
                .satisfies(delivery -> {
                    assertThat(delivery.leadId()).isEqualTo(GRACE);
                    assertThat(delivery.attempts()).as("a hold spends no attempt").isZero();
                });
        assertThat(queue.claim(WORKSPACE, CRM, "node-2", T0.plusSeconds(30), LEASE, 10)).singleElement()
                .satisfies(delivery -> {
                    assertThat(delivery.leadId()).isEqualTo(ADA);
                    assertThat(delivery.attempts()).isEqualTo(1);
                    assertThat(delivery.lastError()).hasValue("SERVER_UNAVAILABLE: try later");
                });
    }

    @Test
    void a_failed_delivery_is_visible_with_its_reason_and_comes_back_on_resync_or_a_new_change() {
        queue.enqueue(WORKSPACE, CRM, ADA, 1, T0);
        queue.enqueue(WORKSPACE, CRM, GRACE, 1, T0);
        List<Delivery> claimed = queue.claim(WORKSPACE, CRM, "node-1", T0, LEASE, 10);
        Delivery ada = claimed.stream().filter(d -> d.leadId().equals(ADA)).findFirst().orElseThrow();
        Delivery grace = claimed.stream().filter(d -> d.leadId().equals(GRACE)).findFirst().orElseThrow();

        queue.giveUp(ada, State.FAILED, "REQUIRED_FIELD_MISSING: Required fields are missing: [Company]", T0);
        queue.giveUp(grace, State.SKIPPED, "no work email", T0);

        assertThat(queue.problems(WORKSPACE, CRM)).extracting(Delivery::state)
                .containsExactlyInAnyOrder(State.FAILED, State.SKIPPED);
        assertThat(queue.claim(WORKSPACE, CRM, "node-1", T0.plusSeconds(1), LEASE, 10)).isEmpty();

        assertThat(queue.resyncFailed(WORKSPACE, CRM, T0.plusSeconds(2))).isEqualTo(1);
        queue.enqueue(WORKSPACE, CRM, GRACE, 2, T0.plusSeconds(2));

        assertThat(queue.claim(WORKSPACE, CRM, "node-1", T0.plusSeconds(2), LEASE.plusSeconds(2), 10))
                .extracting(Delivery::leadId).containsExactlyInAnyOrder(ADA, GRACE);
    }

    @Test
    void another_workspace_neither_sees_nor_claims_the_deliveries() {
        queue.enqueue(WORKSPACE, CRM, ADA, 1, T0);
        queue.enqueue(OTHER_WORKSPACE, OTHER_CRM, ADA, 1, T0);

        assertThat(queue.claim(OTHER_WORKSPACE, CRM, "node-1", T0, LEASE, 10)).isEmpty();
        assertThat(queue.all(OTHER_WORKSPACE, CRM)).isEmpty();
        assertThat(queue.claim(WORKSPACE, CRM, "node-1", T0, LEASE, 10)).singleElement()
                .satisfies(delivery -> assertThat(delivery.workspaceId()).isEqualTo(WORKSPACE));
    }
}
