package io.leadsync.application.port.in.delivery;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.util.List;

/**
 * Pushes what connections owe their CRMs: due deliveries are claimed with a lease, sent in the CRM's batches, and
 * each record's outcome recorded: linked, retried later with backoff, or failed with the CRM's reason.
 */
public interface PushDeliveriesUseCase {
    /** One round over the connections with due deliveries, one batch each; answers how many records were sent. */
    int pushDue(String node);

    /** A connection that owes deliveries. */
    record Owing(WorkspaceId workspaceId, ConnectionId connectionId) {
    }

    /**
     * The connections (at most {@code limit}) with a delivery that has been due for {@code waited} or longer: the ones
     * whose batching window has closed, on whichever node it opened (ADR 0076).
     */
    List<Owing> owing(Duration waited, int limit);

    /** What one {@link #pushBatch} found. */
    enum BatchResult {
        /** The batch was full and went through: more may be due at once (a backlog). */
        MORE_DUE,
        /** Nothing (more) due now, or the batch was held back (a limit, a spent budget). */
        DONE,
        /**
         * Another node (or "sync now" here) is pushing the connection right now (ADR 0104): it sends what is due, so
         * the caller leaves the connection alone for a while rather than asking again at once.
         */
        HELD_ELSEWHERE
    }

    /**
     * One batch of one connection, if it still has a delivery due for {@code waited} or longer (another node may have
     * taken them since {@link #owing} answered): everything due now, up to its batch size; at most one batch of a
     * connection is in flight across all nodes.
     */
    BatchResult pushBatch(WorkspaceId workspaceId, ConnectionId connectionId, String node, Duration waited);
}
