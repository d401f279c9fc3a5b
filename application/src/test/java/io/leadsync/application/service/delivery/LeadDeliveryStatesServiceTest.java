package io.leadsync.application.service.delivery;

import io.leadsync.application.port.in.delivery.LeadDeliveryStatesUseCase.Status;
import io.leadsync.application.port.out.ActionLog;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.testing.InMemoryOutbox;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

class LeadDeliveryStatesServiceTest {
    private static final LeadId LEAD = new LeadId("lead-1");

    private final InMemoryOutbox outbox = new InMemoryOutbox();
    /** What the queue, outbox and links say per connection; a connection not in it: nothing queued, routed. */
    private final Map<ConnectionId, ActionLog.TargetFacts> facts = new HashMap<>();
    private final LeadDeliveryStatesService service = new LeadDeliveryStatesService(outbox, new ActionLog() {
        @Override
        public void record(TrackedAction action) {
        }

        @Override
        public Optional<TrackedAction> find(WorkspaceId workspaceId, UUID trackingId) {
            return Optional.empty();
        }

        @Override
        public TargetFacts facts(WorkspaceId workspaceId, LeadId leadId, long version, ConnectionId connectionId) {
            return facts.getOrDefault(connectionId, new TargetFacts(Optional.empty(), true, Optional.empty()));
        }

        @Override
        public int deleteBefore(Instant cutoff) {
            return 0;
        }
    });

    @Test
    void a_webhook_whose_delivery_left_the_queue_after_routing_shows_delivered_though_it_has_no_crm_record() {
        CrmConnection webhook = webhook(T0.minusSeconds(60));
        changed(T0);

        assertThat(only(webhook)).isEqualTo(Status.DELIVERED);
    }

    @Test
    void a_connection_made_after_the_leads_last_change_was_never_sent_it() {
        CrmConnection later = webhook(T0.plusSeconds(60));
        changed(T0);

        assertThat(only(later)).isEqualTo(Status.NOT_SENT);
    }

    @Test
    void a_skipped_entry_shows_skipped_with_its_reason_and_an_unrouted_change_shows_waiting() {
        CrmConnection skipping = webhook(T0.minusSeconds(60));
        CrmConnection waiting = webhook(T0.minusSeconds(60));
        changed(T0);
        facts.put(skipping.id(), new ActionLog.TargetFacts(Optional.of(new DeliveryQueue.Delivery(WORKSPACE,
                skipping.id(), LEAD, 1, DeliveryQueue.State.SKIPPED, 0, T0, Optional.of(PushRecords.NO_WORK_EMAIL))),
                true, Optional.empty()));
        facts.put(waiting.id(), new ActionLog.TargetFacts(Optional.empty(), false, Optional.empty()));

        var states = service.states(WORKSPACE, LEAD, List.of(skipping, waiting));

        assertThat(states.get(0).status()).isEqualTo(Status.SKIPPED);
        assertThat(states.get(0).reason()).contains(PushRecords.NO_WORK_EMAIL);
        assertThat(states.get(1).status()).isEqualTo(Status.WAITING);
    }

    private Status only(CrmConnection connection) {
        return service.states(WORKSPACE, LEAD, List.of(connection)).get(0).status();
    }

    private void changed(Instant at) {
        outbox.append(new LeadChanged(UUID.randomUUID(), WORKSPACE, LEAD, 1, true,
                List.of(new FieldChange(LeadField.LAST_NAME, Optional.empty(), Optional.of("Lovelace"))),
                new ChangeSource.App("api-key lsk_abc"), at));
    }

    private static CrmConnection webhook(Instant createdAt) {
        return CrmConnection.restore(new ConnectionId(UUID.randomUUID()), WORKSPACE, CrmKind.WEBHOOK,
                ConnectionState.CONNECTED, Optional.empty(), Optional.empty(), SyncSettings.defaults(), List.of(),
                createdAt, createdAt);
    }
}
