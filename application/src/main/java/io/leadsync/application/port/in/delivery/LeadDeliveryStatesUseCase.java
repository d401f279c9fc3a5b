package io.leadsync.application.port.in.delivery;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one lead stands with each of the workspace's connections, from the outbox (was it ever routed there), the
 * delivery queue (waiting, skipped or failed, with the reason) and the links: what the Leads page shows per CRM.
 */
public interface LeadDeliveryStatesUseCase {
    /** One state per connection of {@code connections}, in their order; connections of another workspace: NOT_SENT. */
    List<LeadDeliveryState> states(WorkspaceId workspaceId, LeadId leadId, List<CrmConnection> connections);

    enum Status {
        /** No change of the lead was ever routed to the connection. */
        NOT_SENT,
        /** Routed and waiting in the outbox or the delivery queue; {@code reason}: the last failure, if retrying. */
        WAITING,
        /** Sent: linked to a CRM record, or (push-only kinds) the delivery is done. */
        DELIVERED,
        /** Not sendable, for {@code reason} (no work email, suppressed, ...). */
        SKIPPED,
        /** Given up, for {@code reason}. */
        FAILED
    }

    record LeadDeliveryState(ConnectionId connectionId, Status status, Optional<String> reason) {
        public LeadDeliveryState {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
