package io.leadsync.application.service.delivery;

import io.leadsync.application.service.capture.TrackActionService;
import io.leadsync.application.port.in.delivery.LeadDeliveryStatesUseCase;
import io.leadsync.application.port.out.ActionLog;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lead's state per connection, read the way the tracking API reads an action's (TrackActionService): the queue's
 * entry says waiting, skipped or failed; an entry gone after routing means delivered, which for push-only kinds
 * (webhook, Web-to-Lead) leaves no CRM record behind. A connection no change of the lead was routed to was never sent
 * it. Backfilled deliveries do not pass the outbox: once done, they show as not sent unless the CRM record is linked.
 */
public final class LeadDeliveryStatesService implements LeadDeliveryStatesUseCase {
    private final Outbox outbox;
    private final ActionLog facts;

    public LeadDeliveryStatesService(Outbox outbox, ActionLog facts) {
        this.outbox = outbox;
        this.facts = facts;
    }

    @Override
    public List<LeadDeliveryState> states(WorkspaceId workspaceId, LeadId leadId, List<CrmConnection> connections) {
        List<LeadChanged> changes = outbox.forLead(workspaceId, leadId);
        List<LeadDeliveryState> states = new ArrayList<>();
        for (CrmConnection connection : connections) {
            if (!connection.workspaceId().equals(workspaceId)) {
                states.add(new LeadDeliveryState(connection.id(), Status.NOT_SENT, Optional.empty()));
                continue;
            }
            // The newest change routed to this connection; one older than the connection was routed before it existed.
            Optional<LeadChanged> last = Optional.empty();
            for (LeadChanged change : changes) {
                if (change.goesTo(connection.id()) && !change.occurredAt().isBefore(connection.createdAt())) {
                    last = Optional.of(change);
                }
            }
            long version = last.map(LeadChanged::leadVersion).orElse(0L);
            ActionLog.TargetFacts known = facts.facts(workspaceId, leadId, version, connection.id());
            if (known.delivery().isPresent()) {
                var delivery = known.delivery().get();
                Status status = switch (delivery.state()) {
                    case PENDING -> Status.WAITING;
                    case FAILED -> Status.FAILED;
                    case SKIPPED -> Status.SKIPPED;
                };
                states.add(new LeadDeliveryState(connection.id(), status, delivery.lastError()));
            } else if (known.crmRecordId().isPresent()) {
                states.add(new LeadDeliveryState(connection.id(), Status.DELIVERED, Optional.empty()));
            } else if (last.isEmpty()) {
                states.add(new LeadDeliveryState(connection.id(), Status.NOT_SENT, Optional.empty()));
            } else if (!known.routed()) {
                states.add(new LeadDeliveryState(connection.id(), Status.WAITING, Optional.empty()));
            } else {
                states.add(new LeadDeliveryState(connection.id(), Status.DELIVERED, Optional.empty()));
            }
        }
        return states;
    }
}
