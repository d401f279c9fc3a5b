package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What each connection still owes the CRM: one entry per lead and connection, however many changes it stands for
 * (a lead changed five times before the push goes once, with its latest values). Entries are claimed with a lease,
 * so any number of nodes push side by side without sending one lead twice at once, and a node that dies only delays
 * its entries until the lease runs out.
 */
public interface DeliveryQueue {
    enum State {
        /** Waiting to be pushed (again), from {@code dueAt} on. */
        PENDING,
        /** Gave up: a failure retrying cannot fix, or the last attempt failed; kept with the CRM's reason. */
        FAILED,
        /** Not sent, for a reason in the lead (no work email); a later change of the lead tries again. */
        SKIPPED
    }

    /** What put a lead in the queue, so the push's audit can say what started it. The latest reason wins. */
    enum Cause {
        /** The lead changed (an agent, an admin, another CRM). */
        CHANGE,
        /** A pull found values this CRM lacks, or a record to stamp with the lead id. */
        PULL,
        /** An admin's backfill of the connection. */
        BACKFILL,
        /** An admin's resync of failed or skipped entries. */
        RESYNC,
        /** An admin's "sync now": the whole lead goes, not only what changed since the last sync. */
        SYNC_NOW
    }

    /** One lead owed to one connection. {@code version}: the lead version the entry asks to deliver (at least). */
    record Delivery(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId, long version, State state,
                    int attempts, Instant dueAt, Optional<String> lastError, Cause cause) {
        public Delivery {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(leadId, "leadId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(dueAt, "dueAt");
            Objects.requireNonNull(lastError, "lastError");
            Objects.requireNonNull(cause, "cause");
        }

        /** An entry queued because the lead changed. */
        public Delivery(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId, long version, State state,
                        int attempts, Instant dueAt, Optional<String> lastError) {
            this(workspaceId, connectionId, leadId, version, state, attempts, dueAt, lastError, Cause.CHANGE);
        }
    }

    /** A connection with deliveries due. */
    record Due(WorkspaceId workspaceId, ConnectionId connectionId) {
    }

    /**
     * The lead must reach the connection at {@code version} or later. Joins a pending entry (keeping the higher version
     * and the earlier due time); revives a failed or skipped one with fresh attempts, since the lead changed.
     */
    void enqueue(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId, long version, Instant dueAt,
                 Cause cause);

    /**
     * Each lead must reach the connection at its version or later, as {@link #enqueue} says for one; in one round
     * trip where the store can.
     */
    default void enqueueAll(WorkspaceId workspaceId, ConnectionId connectionId, java.util.Map<LeadId, Long> versions,
                            Instant dueAt, Cause cause) {
        versions.forEach((leadId, version) -> enqueue(workspaceId, connectionId, leadId, version, dueAt, cause));
    }

    /** As above, because the lead changed. */
    default void enqueue(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId, long version,
                         Instant dueAt) {
        enqueue(workspaceId, connectionId, leadId, version, dueAt, Cause.CHANGE);
    }

    /** Connections with pending entries due at {@code now} that no live lease holds, up to {@code limit}. */
    List<Due> due(Instant now, int limit);

    /**
     * How many of one connection's entries are due at {@code now} and unleased, counting no further than
     * {@code upTo}: whether its backlog is large enough for a bulk job.
     */
    int countDue(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, int upTo);

    /**
     * Claims up to {@code limit} due entries of one connection for {@code node} until {@code leaseUntil}, oldest due
     * first; entries another transaction has locked or another node leases are skipped.
     */
    List<Delivery> claim(WorkspaceId workspaceId, ConnectionId connectionId, String node, Instant now,
                         Instant leaseUntil, int limit);

    /**
     * The lead reached the CRM at {@code deliveredVersion}: the entry goes, unless a newer version was enqueued
     * meanwhile, which stays pending and unclaimed.
     */
    void delivered(Delivery delivery, long deliveredVersion);

    /**
     * {@link #delivered(Delivery, long)} for each of a batch's deliveries at the version at the same index: one
     * statement per batch in a database, not one per lead.
     */
    default void delivered(List<Delivery> deliveries, List<Long> deliveredVersions) {
        for (int i = 0; i < deliveries.size(); i++) {
            delivered(deliveries.get(i), deliveredVersions.get(i));
        }
    }

    /**
     * The leads reached the CRM outside the queue (an admin's "sync now") at these versions: their pending or failed
     * entries at those versions or older go; a newer change stays owed, and an entry a node is sending right now is
     * left to that node.
     */
    void deliveredAll(WorkspaceId workspaceId, ConnectionId connectionId, java.util.Map<LeadId, Long> versions,
                      Instant now);

    /** Pending again from {@code dueAt}, its lease released; {@code countsAsAttempt} for a failure of the record. */
    void retryLater(Delivery delivery, Optional<String> error, Instant dueAt, boolean countsAsAttempt);

    /** One claimed delivery to try again: due at {@code dueAt}, its error kept, an attempt counted or not. */
    record Retry(Delivery delivery, Optional<String> error, Instant dueAt, boolean countsAsAttempt) {
    }

    /**
     * {@link #retryLater} for each of a batch's retries (a batch the CRM could not take, held for a limit): one
     * statement per batch in a database, not one per lead.
     */
    default void retryLaterAll(List<Retry> retries) {
        retries.forEach(retry -> retryLater(retry.delivery(), retry.error(), retry.dueAt(), retry.countsAsAttempt()));
    }

    /** Given up ({@link State#FAILED}) or not sendable ({@link State#SKIPPED}), with the reason. */
    void giveUp(Delivery delivery, State state, String reason, Instant now);

    /** A connection's failed and skipped entries, for the admin to see and resync. */
    List<Delivery> problems(WorkspaceId workspaceId, ConnectionId connectionId);

    /**
     * A faster frequency: the connection's pending entries due after {@code dueBy} that have not been tried yet are
     * due at {@code dueBy} (entries waiting out a retry backoff keep waiting). One statement for the whole queue;
     * answers how many moved. Workers are told when they are due now.
     */
    int bringForward(WorkspaceId workspaceId, ConnectionId connectionId, Instant dueBy);

    /** Every failed entry of the connection is pending again with fresh attempts; answers how many. */
    int resyncFailed(WorkspaceId workspaceId, ConnectionId connectionId, Instant now);

    /**
     * Drops the connection's entries still waiting to go (pending), as its disconnect does; failed and skipped ones
     * stay for the record. Answers how many were dropped.
     */
    int cancelPending(WorkspaceId workspaceId, ConnectionId connectionId);

    /** A connection's entries in any state (for tests and the status page). */
    List<Delivery> all(WorkspaceId workspaceId, ConnectionId connectionId);

    /**
     * A connection's queue in figures at {@code now}, for its health and metrics. Stores that can count in place
     * override this reading of every entry.
     */
    default io.leadsync.domain.health.QueueTally tally(WorkspaceId workspaceId, ConnectionId connectionId,
                                                        Instant now) {
        long waiting = 0;
        long due = 0;
        long failed = 0;
        long skipped = 0;
        Optional<Instant> oldestDue = Optional.empty();
        for (Delivery delivery : all(workspaceId, connectionId)) {
            switch (delivery.state()) {
                case PENDING -> {
                    waiting++;
                    if (!delivery.dueAt().isAfter(now)) {
                        due++;
                        oldestDue = oldestDue.filter(at -> at.isBefore(delivery.dueAt())).or(() ->
                                Optional.of(delivery.dueAt()));
                    }
                }
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
            }
        }
        return new io.leadsync.domain.health.QueueTally(waiting, due, failed, skipped, oldestDue);
    }
}
