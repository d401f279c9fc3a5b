package io.leadsync.application.port.in;

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

    /**
     * One batch of one connection, if it still has a delivery due for {@code waited} or longer (another node may have
     * taken them since {@link #owing} answered): everything due now, up to its batch size. Answers whether the batch
     * was full and went through, so more may be due at once (a backlog).
     */
    boolean pushBatch(WorkspaceId workspaceId, ConnectionId connectionId, String node, Duration waited);
}
