package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.ActionReport;
import io.leadsync.application.port.in.capture.TrackActionUseCase;
import io.leadsync.application.port.out.ActionLog;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Optional;
import java.util.UUID;

/**
 * An action's outcome at each target, from what the queue, the outbox and the links say now. The queue keeps one entry
 * per lead and connection, so a later change of the same lead that is still queued shows the earlier action as queued
 * too: it will be delivered with the later values.
 */
public final class TrackActionService implements TrackActionUseCase {
    static final String NOTHING_CHANGED = "nothing changed: the lead already had these values, so nothing was sent";

    private final ActionLog actions;
    private final java.time.Clock clock;

    public TrackActionService(ActionLog actions, java.time.Clock clock) {
        this.actions = actions;
        this.clock = clock;
    }

    @Override
    public int forgetOlderThan(java.time.Duration retention) {
        return actions.deleteBefore(clock.instant().minus(retention));
    }

    @Override
    public Optional<ActionReport> track(WorkspaceId workspaceId, UUID trackingId) {
        return actions.find(workspaceId, trackingId).map(action -> new ActionReport(action.trackingId(),
                action.action().apiName(), action.leadId().value(), action.leadVersion(), action.rule(), action.at(),
                action.targets().stream().map(target -> outcome(action, target)).toList()));
    }

    private ActionReport.TargetOutcome outcome(ActionLog.TrackedAction action, ActionLog.Target target) {
        if (!action.changed()) {
            return new ActionReport.TargetOutcome(target.connectionId(), target.kind(), ActionReport.Status.SKIPPED,
                    Optional.of(NOTHING_CHANGED), Optional.empty());
        }
        ActionLog.TargetFacts facts = actions.facts(action.workspaceId(), action.leadId(), action.leadVersion(),
                target.connectionId());
        // An entry below the action's version is an earlier change's, until the action's change is routed into it.
        if (facts.delivery().isPresent() && (facts.routed() || facts.delivery().get().version() >= action.leadVersion())) {
            DeliveryQueue.Delivery delivery = facts.delivery().get();
            ActionReport.Status status = switch (delivery.state()) {
                case PENDING -> ActionReport.Status.QUEUED;
                case FAILED -> ActionReport.Status.FAILED;
                case SKIPPED -> ActionReport.Status.SKIPPED;
            };
            return new ActionReport.TargetOutcome(target.connectionId(), target.kind(), status, delivery.lastError(),
                    facts.crmRecordId());
        }
        if (!facts.routed()) {
            return new ActionReport.TargetOutcome(target.connectionId(), target.kind(), ActionReport.Status.QUEUED,
                    Optional.empty(), Optional.empty());
        }
        // Routed, and the entry has left the queue: delivered. A CRM record is linked; a push-only endpoint (webhook,
        // Web-to-Lead) has no record to name.
        return new ActionReport.TargetOutcome(target.connectionId(), target.kind(), ActionReport.Status.DELIVERED,
                Optional.empty(), facts.crmRecordId());
    }
}
