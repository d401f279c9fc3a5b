package io.leadsync.application.service.delivery;

import io.leadsync.application.port.in.delivery.GetEndpointStatusUseCase;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.DeliveryWindow;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads a Web-to-Lead connection's window and the leads it holds, for the connection's status. */
public final class GetEndpointStatusService implements GetEndpointStatusUseCase {
    private final CrmConnectionRepository connections;
    private final DeliveryWindow window;
    private final DeliveryQueue deliveries;
    private final Clock clock;

    public GetEndpointStatusService(CrmConnectionRepository connections, DeliveryWindow window,
                                    DeliveryQueue deliveries, Clock clock) {
        this.connections = connections;
        this.window = window;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public Optional<WindowStatus> status(WorkspaceId workspaceId, ConnectionId connectionId) {
        if (connections.find(workspaceId, connectionId).filter(c -> c.kind() == CrmKind.SALESFORCE_WEB_TO_LEAD)
                .isEmpty()) {
            return Optional.empty();
        }
        List<DeliveryQueue.Delivery> held = deliveries.all(workspaceId, connectionId).stream()
                .filter(delivery -> delivery.state() == DeliveryQueue.State.PENDING)
                .filter(delivery -> delivery.lastError().filter(io.leadsync.domain.crm.WebToLeadLimits::isHeld).isPresent())
                .toList();
        return Optional.of(new WindowStatus(io.leadsync.domain.crm.WebToLeadLimits.DAILY_LIMIT,
                io.leadsync.domain.crm.WebToLeadLimits.WINDOW, window.used(workspaceId, connectionId, clock.instant(),
                io.leadsync.domain.crm.WebToLeadLimits.WINDOW), held.size(),
                held.stream().map(DeliveryQueue.Delivery::dueAt).min(Instant::compareTo)));
    }
}
