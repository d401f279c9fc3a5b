package io.leadsync.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits for the sync worker rather than for the clock: a test that asserts that the worker did NOT do something
 * (send a lead back, write a dry run) first waits until a whole worker cycle has started and completed after the
 * action, so the assertion fails when the worker would have done it, instead of passing whether or not it ran.
 * The worker's own cycle timer ({@code leadsync.worker.cycle}, issue 16) counts completed cycles.
 */
final class WorkerCycles {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private WorkerCycles() {
    }

    /** How many worker cycles this node has completed. */
    static long completed(RunningLeadSync leadSync) {
        Timer cycle = leadSync.context().getBean(MeterRegistry.class).find("leadsync.worker.cycle").timer();
        assertThat(cycle).as("the sync worker's cycle timer: is the worker enabled?").isNotNull();
        return cycle.count();
    }

    /**
     * Returns once a cycle that began after this call has completed: the cycle in progress (if any) counts once, so
     * two more completions include one full cycle that saw everything done before the call.
     */
    static void awaitFullCycle(RunningLeadSync leadSync) throws InterruptedException {
        long before = completed(leadSync);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (completed(leadSync) < before + 2) {
            assertThat(System.nanoTime()).as("the worker completed no cycle in %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
