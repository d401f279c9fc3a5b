package io.leadsync.application.port.out;

import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;

/**
 * Lead changes waiting to go to the connected CRMs. An entry is appended in the same transaction as the change
 * itself, so no committed change is ever lost and no rolled-back change is ever sent.
 */
public interface Outbox {
    void append(LeadChanged change);

    /** Appends each change as {@link #append} does, in one round trip where the store can. */
    default void appendAll(List<LeadChanged> changes) {
        changes.forEach(this::append);
    }

    /** One lead's changes, oldest first: its history. */
    List<LeadChanged> forLead(WorkspaceId workspaceId, LeadId leadId);

    /**
     * Up to {@code limit} changes not yet routed to their connections' deliveries, oldest first, locked until the
     * current transaction ends; other nodes skip them rather than wait, so routing runs on every node at once.
     */
    List<LeadChanged> claimUnrouted(int limit);

    /** Marks changes as routed; in the transaction that claimed them and enqueued their deliveries. */
    void markRouted(List<java.util.UUID> changeIds, java.time.Instant at);
}
