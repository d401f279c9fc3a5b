package io.leadsync.application.service.delivery;

import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.DeliveryQueue.Delivery;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.sync.SendPolicy;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A connection that does not sync keeps its deliveries: paused or waiting for setup or re-authorisation, they are
 * looked at again later (so they do not crowd out connections that do sync); disconnected, they are closed as
 * SKIPPED, since nothing will ever be sent there.
 */
final class NotSyncing {
    static final Duration RECHECK = Duration.ofMinutes(5);
    static final int BATCH = 1_000;

    private NotSyncing() {
    }

    static void setAside(DeliveryQueue deliveries, TransactionBoundary transactions, WorkspaceId workspaceId,
                         ConnectionId connectionId, Optional<CrmConnection> connection, Instant now, Duration lease) {
        Optional<String> closed = connection.map(c -> c.state() == ConnectionState.DISCONNECTED).orElse(true)
                ? Optional.of(SendPolicy.DISCONNECTED) : Optional.empty();
        transactions.inTransaction(() -> {
            for (Delivery delivery : deliveries.claim(workspaceId, connectionId, "set-aside", now,
                    now.plus(lease), BATCH)) {
                if (closed.isPresent()) {
                    deliveries.giveUp(delivery, DeliveryQueue.State.SKIPPED, closed.get(), now);
                } else {
                    deliveries.retryLater(delivery, Optional.empty(), now.plus(RECHECK), false);
                }
            }
            return null;
        });
    }
}
