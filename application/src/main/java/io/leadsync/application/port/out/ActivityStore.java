package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.Activity;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Logged activities and what each target CRM still owes: one delivery per activity and target connection, claimed with
 * a lease like the lead deliveries (ADR 0015), so any number of nodes deliver side by side, each activity once.
 */
public interface ActivityStore {
    enum State {
        PENDING,
        DELIVERED,
        /** Refused by the CRM, or still failing after the last attempt; kept with the reason. */
        FAILED,
        /** Not sent, with the reason (the connection was disconnected, the lead never reached that CRM). */
        SKIPPED
    }

    /** Where one activity stands in one target connection. */
    record Target(ConnectionId connectionId, State state, int attempts, Instant dueAt, Optional<String> crmRecordId,
                  Optional<String> reason) {
        public Target {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(dueAt, "dueAt");
            Objects.requireNonNull(crmRecordId, "crmRecordId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** An activity with its targets. */
    record Logged(Activity activity, List<Target> targets) {
        public Logged {
            Objects.requireNonNull(activity, "activity");
            targets = List.copyOf(targets);
        }
    }

    /** A claimed delivery: the activity, the connection to write it to and the attempts made so far. */
    record Claimed(Activity activity, ConnectionId connectionId, int attempts) {
    }

    /** Keeps the activity and a pending delivery, due at {@code dueAt}, for each target. */
    void insert(Activity activity, List<ConnectionId> targets, Instant dueAt);

    /** Claims up to {@code limit} due deliveries of any workspace for {@code node} until {@code leaseUntil}. */
    List<Claimed> claimDue(Instant now, String node, Instant leaseUntil, int limit);

    void delivered(Claimed delivery, String crmRecordId, Instant now);

    /** Pending again from {@code dueAt}, its lease released; {@code countsAsAttempt} for a failure of the write. */
    void retryLater(Claimed delivery, String reason, Instant dueAt, boolean countsAsAttempt);

    /** Closed as {@link State#FAILED} or {@link State#SKIPPED} with the reason. */
    void giveUp(Claimed delivery, State state, String reason, Instant now);

    /** A lead's activities, newest first, each with its targets. */
    List<Logged> forLead(WorkspaceId workspaceId, LeadId leadId);
}
