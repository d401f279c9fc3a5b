package io.leadsync.domain.health;

import io.leadsync.domain.crm.CrmConnection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection's health as the admin must see it: the state, the reason in the admin's words (the CRM's own message
 * included), and the leads that failed and that wait. Derived from the connection's state, its last pushes and pulls
 * and its queue; never stored, so it cannot go stale.
 */
public record ConnectionHealth(HealthState state, String reason, long failedLeads, long waitingLeads,
                               Optional<Instant> lastPushOkAt, Optional<Instant> lastPullOkAt) {
    public ConnectionHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(lastPushOkAt, "lastPushOkAt");
        Objects.requireNonNull(lastPullOkAt, "lastPullOkAt");
    }

    /**
     * The health of {@code connection} at {@code now}. A connection that does not sync says why (its own state);
     * one that does is FAILING when {@link HealthPolicy#failingAfter()} pushes or pulls in a row got nothing through,
     * DEGRADED when its last pull failed, a push went wrong, leads failed for good or a due lead waits past
     * {@link HealthPolicy#stuckAfter()}, and HEALTHY otherwise.
     */
    public static ConnectionHealth assess(CrmConnection connection, SyncSignals signals, QueueTally queue,
                                          HealthPolicy policy, Instant now) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        String stateReason = connection.stateReason().orElse("");
        return switch (connection.state()) {
            case DISCONNECTED -> of(HealthState.DISCONNECTED, "Disconnected: nothing is sent to or read from it.",
                    signals, queue);
            case NEEDS_REAUTH -> of(HealthState.NEEDS_REAUTH, "The CRM no longer accepts LeadSync's authorisation; "
                    + "connect again." + suffix(stateReason) + waitingNote(queue), signals, queue);
            case NEEDS_SETUP -> of(HealthState.FAILING, "Not syncing until it is set up" + suffix(stateReason)
                    + waitingNote(queue), signals, queue);
            case PAUSED -> of(HealthState.DEGRADED, "Paused: nothing is sent or read until it is resumed."
                    + waitingNote(queue), signals, queue);
            case CONNECTED -> connected(signals, queue, policy, now);
        };
    }

    private static ConnectionHealth connected(SyncSignals signals, QueueTally queue, HealthPolicy policy,
                                              Instant now) {
        SyncSignals.Track pull = signals.pull();
        SyncSignals.Track push = signals.push();
        if (pull.wrongInRow() >= policy.failingAfter()) {
            return of(HealthState.FAILING, "Pulls stopped: the last " + pull.wrongInRow() + " failed. "
                    + problem(pull) + waitingNote(queue), signals, queue);
        }
        if (push.wrongInRow() >= policy.failingAfter()) {
            return of(HealthState.FAILING, "Pushes failing: nothing was written in the last " + push.wrongInRow()
                    + " attempts. " + problem(push) + failedNote(queue), signals, queue);
        }
        List<String> reasons = new ArrayList<>();
        if (pull.troubled()) {
            reasons.add("The last pull failed. " + problem(pull));
        }
        if (push.troubled()) {
            reasons.add("The last push failed. " + problem(push));
        }
        if (queue.failed() > 0) {
            reasons.add(queue.failed() + (queue.failed() == 1 ? " lead" : " leads")
                    + " could not be delivered (see Errors)"
                    + (push.troubled() ? "." : push.lastProblem().map(text -> "; the last reason: " + text + ".")
                    .orElse(".")));
        }
        Optional<Duration> oldest = queue.oldestDueAt().map(due -> Duration.between(due, now));
        if (oldest.isPresent() && oldest.get().compareTo(policy.stuckAfter()) > 0) {
            reasons.add(queue.due() + (queue.due() == 1 ? " lead has" : " leads have") + " waited to be sent for "
                    + minutes(oldest.get()) + ".");
        }
        if (!reasons.isEmpty()) {
            return of(HealthState.DEGRADED, String.join(" ", reasons), signals, queue);
        }
        return of(HealthState.HEALTHY, "Pushes and pulls get through" + (queue.waiting() > 0 ? "; " + queue.waiting()
                + (queue.waiting() == 1 ? " lead waits" : " leads wait") + " for the next sync." : "."),
                signals, queue);
    }

    private static ConnectionHealth of(HealthState state, String reason, SyncSignals signals, QueueTally queue) {
        return new ConnectionHealth(state, reason, queue.failed(), queue.waiting(), signals.push().lastOkAt(),
                signals.pull().lastOkAt());
    }

    private static String problem(SyncSignals.Track track) {
        return track.lastProblem().map(text -> "The CRM said: " + text + (text.endsWith(".") ? "" : "."))
                .orElse("");
    }

    private static String suffix(String reason) {
        return reason.isBlank() ? "." : ": " + reason + (reason.endsWith(".") ? "" : ".");
    }

    private static String waitingNote(QueueTally queue) {
        return queue.waiting() == 0 ? "" : " " + queue.waiting() + (queue.waiting() == 1 ? " lead waits." : " leads wait.");
    }

    private static String failedNote(QueueTally queue) {
        return queue.failed() == 0 ? "" : " " + queue.failed() + (queue.failed() == 1 ? " lead" : " leads")
                + " failed.";
    }

    private static String minutes(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes < 120 ? minutes + " minutes" : duration.toHours() + " hours";
    }

    /** Whether an admin should look at it. */
    public boolean needsAttention() {
        return state.needsAttention();
    }
}
