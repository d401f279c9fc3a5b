package io.leadsync.sandbox.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The faults and latencies a sandbox injects into its CRM endpoints, shared by every CRM sandbox: each sandbox owns
 * one plan, asks it about every incoming call with {@link #onCall}, and renders the fault in its vendor's format.
 * Thread-safe: the counted faults ("the next 2 calls") must be used up exactly once even when a client retries in
 * parallel, so matching and counting happen under one lock.
 */
public final class FaultPlan {

    /** What to do to one call: wait {@code latency}, then answer with {@code fault} if present. */
    public record Outcome(Duration latency, Optional<Fault> fault) {

        public static final Outcome NONE = new Outcome(Duration.ZERO, Optional.empty());

        /** Sleeps for the latency, then (for a timeout) the hold; the caller must then close without answering. */
        public void await() throws InterruptedException {
            sleep(latency);
            if (fault.isPresent() && fault.get().isTimeout()) {
                sleep(fault.get().hold());
            }
        }

        private static void sleep(Duration duration) throws InterruptedException {
            if (!duration.isZero()) {
                Thread.sleep(duration.toMillis());
            }
        }
    }

    private final List<FaultRule> rules = new ArrayList<>();
    /** Faults that strike a share of the matching calls at random (a flaky CRM), tried after the counted rules. */
    private final List<RandomFault> randomFaults = new ArrayList<>();
    private final java.util.Random random = new java.util.Random();
    private long nextId = 1;

    private record RandomFault(FaultRule target, double probability) {
    }

    /** Injects {@code fault} into the next {@code times} matching calls; {@code method} and {@code pathPrefix} may be null. */
    public synchronized FaultRule inject(String method, String pathPrefix, Fault fault, int times) {
        return add(new FaultRule(nextId++, method, pathPrefix, fault, null, times));
    }

    /** Injects {@code fault} into every matching call until {@link #clear()}. */
    public synchronized FaultRule injectAlways(String method, String pathPrefix, Fault fault) {
        return add(new FaultRule(nextId++, method, pathPrefix, fault, null, FaultRule.UNLIMITED));
    }

    /**
     * Adds {@code latency} to every matching call, replacing an earlier latency for the same calls; zero removes
     * it. Latencies of different rules that match one call add up.
     */
    public synchronized Optional<FaultRule> latency(String method, String pathPrefix, Duration latency) {
        FaultRule rule = new FaultRule(nextId++, method, pathPrefix, null, latency, FaultRule.UNLIMITED);
        rules.removeIf(r -> r.isLatency() && r.sameTarget(rule));
        if (latency.isZero()) {
            return Optional.empty();
        }
        rules.add(rule);
        return Optional.of(rule);
    }

    /**
     * Injects {@code fault} into each matching call with the given probability (0 to 1), until {@link #clear()}: a
     * CRM that fails now and then rather than on cue. Random faults of several rules add up (the first that strikes
     * wins); they are not listed by {@link #rules()}.
     */
    public synchronized void injectRandomly(String method, String pathPrefix, Fault fault, double probability) {
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1]");
        }
        randomFaults.add(new RandomFault(new FaultRule(nextId++, method, pathPrefix, fault, null,
                FaultRule.UNLIMITED), probability));
    }

    /** Removes one rule (a burst of faults that ends), leaving the others in force. */
    public synchronized void remove(FaultRule rule) {
        rules.removeIf(r -> r.id() == rule.id());
    }

    public synchronized void clear() {
        rules.clear();
        randomFaults.clear();
    }

    /** The rules in force, in the order they are tried; counted faults show how many calls they have left. */
    public synchronized List<FaultRule> rules() {
        return List.copyOf(rules);
    }

    /**
     * Decides the fate of one call and uses up one count of the fault it gets. The oldest matching fault wins, so
     * faults queued one after another ("2 timeouts, then a 503") play out in order.
     */
    public synchronized Outcome onCall(String method, String path) {
        Duration latency = Duration.ZERO;
        Fault fault = null;
        for (int i = 0; i < rules.size(); i++) {
            FaultRule rule = rules.get(i);
            if (!rule.matches(method, path)) {
                continue;
            }
            if (rule.isLatency()) {
                latency = latency.plus(rule.latency());
            } else if (fault == null) {
                fault = rule.fault();
                if (rule.remaining() == 1) {
                    rules.remove(i--);
                } else {
                    rules.set(i, rule.used());
                }
            }
        }
        if (fault == null) {
            for (RandomFault candidate : randomFaults) {
                if (candidate.target().matches(method, path) && random.nextDouble() < candidate.probability()) {
                    fault = candidate.target().fault();
                    break;
                }
            }
        }
        return latency.isZero() && fault == null ? Outcome.NONE : new Outcome(latency, Optional.ofNullable(fault));
    }

    private FaultRule add(FaultRule rule) {
        rules.add(rule);
        return rule;
    }
}
