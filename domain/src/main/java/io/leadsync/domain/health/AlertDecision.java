package io.leadsync.domain.health;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a connection's health is worth telling the workspace's admins: one alert when an incident opens (the
 * connection needs re-auth, fails, or its failed leads reach the threshold), one recovery message when it is healthy
 * again, and silence in between, however often the health is looked at.
 */
public sealed interface AlertDecision {
    /** An incident opens: tell them, once. */
    record Raise(String trigger) implements AlertDecision {
        public Raise {
            Objects.requireNonNull(trigger, "trigger");
        }
    }

    /** The incident is over: {@code tell} whether to say so (not when an admin disconnected the connection). */
    record Recover(boolean tell) implements AlertDecision {
    }

    /** Nothing new. */
    record Quiet() implements AlertDecision {
    }

    /** What to do about {@code health}, given whether an incident is already open for the connection. */
    static AlertDecision decide(ConnectionHealth health, boolean incidentOpen, int failedLeadsThreshold) {
        Objects.requireNonNull(health, "health");
        Optional<String> trigger = trigger(health, failedLeadsThreshold);
        if (trigger.isPresent()) {
            return incidentOpen ? new Quiet() : new Raise(trigger.get());
        }
        if (incidentOpen && health.state() == HealthState.HEALTHY) {
            return new Recover(true);
        }
        if (incidentOpen && health.state() == HealthState.DISCONNECTED) {
            return new Recover(false);
        }
        return new Quiet();
    }

    /** Public entry: as {@link #decide(ConnectionHealth, boolean, int)} with the workspace's settings. */
    static AlertDecision decide(ConnectionHealth health, boolean incidentOpen, AlertSettings settings) {
        return decide(health, incidentOpen, settings.failedLeadsThreshold());
    }

    private static Optional<String> trigger(ConnectionHealth health, int failedLeadsThreshold) {
        return switch (health.state()) {
            case NEEDS_REAUTH -> Optional.of("needs to be connected again");
            case FAILING -> Optional.of("has stopped syncing");
            case DEGRADED -> health.failedLeads() >= failedLeadsThreshold
                    ? Optional.of(health.failedLeads() + " leads failed (the alert threshold is "
                    + failedLeadsThreshold + ")") : Optional.empty();
            case HEALTHY, DISCONNECTED -> Optional.empty();
        };
    }
}
