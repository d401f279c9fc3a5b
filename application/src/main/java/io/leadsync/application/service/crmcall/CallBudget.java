package io.leadsync.application.service.crmcall;

import io.leadsync.application.port.out.ApiBudget;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The budget every CRM call takes from: the shared count ({@link ApiBudget}), the installation's daily allocation
 * per connection ({@code leadsync.budget.daily-calls}) and pace per connection, and how to wait for the next second
 * when the pace is used up.
 */
public final class CallBudget {
    public static final long DEFAULT_DAILY_CALLS = 15_000;
    public static final int DEFAULT_CALLS_PER_SECOND = 10;

    /** How a call waits for the pace; tests pass one that moves their clock instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final Optional<ApiBudget> budget;
    private final long dailyCalls;
    private final int callsPerSecond;
    private final Pause pause;

    public CallBudget(ApiBudget budget, long dailyCalls, int callsPerSecond, Pause pause) {
        if (dailyCalls < 0 || callsPerSecond < 1) {
            throw new IllegalArgumentException("the daily calls must be >= 0 and the calls per second >= 1");
        }
        this.budget = Optional.of(Objects.requireNonNull(budget, "budget"));
        this.dailyCalls = dailyCalls;
        this.callsPerSecond = callsPerSecond;
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    public CallBudget(ApiBudget budget, long dailyCalls, int callsPerSecond) {
        this(budget, dailyCalls, callsPerSecond, duration -> Thread.sleep(Math.max(1, duration.toMillis())));
    }

    private CallBudget() {
        this.budget = Optional.empty();
        this.dailyCalls = Long.MAX_VALUE;
        this.callsPerSecond = Integer.MAX_VALUE;
        this.pause = duration -> { };
    }

    /** No budget: every call is made. Only for the services' older constructors, which tests still use. */
    public static CallBudget unlimited() {
        return new CallBudget();
    }

    public Optional<ApiBudget> budget() {
        return budget;
    }

    /** A connection's daily allocation: the installation's for now; a per-connection figure is to come. */
    public long allocation() {
        return dailyCalls;
    }

    int callsPerSecond() {
        return callsPerSecond;
    }

    Pause pause() {
        return pause;
    }
}
