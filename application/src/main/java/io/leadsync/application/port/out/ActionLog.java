package io.leadsync.application.port.out;

import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The agent actions LeadSync performed, by tracking id, and what the delivery queue, the outbox and the CRM links say
 * about each action's targets, so its per-target outcome can be read back.
 */
public interface ActionLog {
    /** One target as chosen when the action ran. */
    record Target(ConnectionId connectionId, CrmKind kind) {
        public Target {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * An action as performed. {@code leadVersion}: the lead's version after it; {@code changed}: whether it changed
     * the lead (an action that changed nothing sends nothing); {@code rule}: which routing rule chose the targets.
     */
    record TrackedAction(UUID trackingId, WorkspaceId workspaceId, AgentAction action, LeadId leadId,
                         long leadVersion, boolean changed, String rule, List<Target> targets, Instant at) {
        public TrackedAction {
            Objects.requireNonNull(trackingId, "trackingId");
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(leadId, "leadId");
            Objects.requireNonNull(rule, "rule");
            targets = List.copyOf(targets);
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * What is known now about one lead and one connection. {@code delivery}: the queue's entry, if any (entries leave
     * the queue once delivered); {@code routed}: whether the change at {@code version} has left the outbox;
     * {@code crmRecordId}: the CRM record the lead is linked to, if any.
     */
    record TargetFacts(Optional<DeliveryQueue.Delivery> delivery, boolean routed, Optional<String> crmRecordId) {
        public TargetFacts {
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(crmRecordId, "crmRecordId");
        }
    }

    void record(TrackedAction action);

    /** Records each action as {@link #record} does, in one round trip where the store can (a batch capture). */
    default void recordAll(List<TrackedAction> actions) {
        actions.forEach(this::record);
    }

    Optional<TrackedAction> find(WorkspaceId workspaceId, UUID trackingId);

    TargetFacts facts(WorkspaceId workspaceId, LeadId leadId, long version, ConnectionId connectionId);

    /** Forgets actions performed before {@code cutoff}; answers how many. */
    int deleteBefore(Instant cutoff);
}
