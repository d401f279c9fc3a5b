package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts a connection's sends over a rolling window (Salesforce Web-to-Lead: 500 leads in 24 hours), for every LeadSync
 * node together: a slot is taken before each send, so the nodes never send more than the limit between them.
 */
public interface DeliveryWindow {
    /**
     * Takes a slot for sending {@code leadId} now, if fewer than {@code limit} sends fall within the last
     * {@code window}. Answers empty when the slot is taken, else the instant the next slot frees.
     */
    Optional<Instant> take(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId, Instant now, int limit,
                           Duration window);

    /** How many sends fall within the last {@code window}. */
    int used(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, Duration window);
}
