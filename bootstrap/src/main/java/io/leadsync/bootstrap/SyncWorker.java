package io.leadsync.bootstrap;

import io.leadsync.application.port.in.PullChangesUseCase;
import io.leadsync.application.port.in.PushActivitiesUseCase;
import io.leadsync.application.port.in.PushDeliveriesUseCase;
import io.leadsync.application.port.in.RouteChangesUseCase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Each node's share of the sync: every tick it routes committed changes to deliveries, pushes the due ones, and pulls
 * the connections whose cycle is due.
 * All coordination is in PostgreSQL (SKIP LOCKED claims and leases), so every node runs the same worker; a node that
 * dies leaves leases that run out, and the others take its work over.
 *
 * <p>When LeadSync stops (SIGTERM), the worker drains before the database goes (issue 14): it claims nothing more,
 * finishes the batch in hand (each CRM or webhook call has its own timeout) and records its outcome, so nothing is
 * left half-sent for a lease to expire on, and no query meets a closing connection pool.
 */
@Singleton
@Requires(property = "leadsync.sync.worker.enabled", notEquals = "false")
final class SyncWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);
    private static final int ROUTE_BATCH = 1_000;
    /** Longer than any one batch takes (a webhook batch is 10 calls of at most 10 s), shorter than the 30 s grace. */
    static final Duration DRAIN = Duration.ofSeconds(25);

    private final RouteChangesUseCase route;
    private final PushDeliveriesUseCase push;
    private final PullChangesUseCase pull;
    private final PushActivitiesUseCase activities;
    /** Names this node in leases: host and process, plus a random part so a restarted process is a new claimant. */
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Held for the length of a tick: draining waits for it. */
    private final ReentrantLock ticking = new ReentrantLock();

    /** How long each tick takes, as {@code leadsync_worker_cycle_seconds} (issue 16). */
    private final Timer cycle;

    SyncWorker(RouteChangesUseCase route, PushDeliveriesUseCase push, PullChangesUseCase pull,
               PushActivitiesUseCase activities, MeterRegistry registry) {
        this.cycle = Timer.builder("leadsync.worker.cycle").description("One sync worker tick: route, push, "
                + "activities, pull").register(registry);
        this.activities = activities;
        this.route = route;
        this.push = push;
        this.pull = pull;
    }

    @Scheduled(initialDelay = "${leadsync.sync.worker.initial-delay:2s}",
            fixedDelay = "${leadsync.sync.worker.interval:1s}")
    void tick() {
        if (stopping.get() || !ticking.tryLock()) {
            return;
        }
        Timer.Sample started = Timer.start();
        try {
            // Each loop stops claiming as soon as LeadSync is stopping; the batch in hand is finished first.
            while (!stopping.get() && route.route(ROUTE_BATCH) == ROUTE_BATCH) {
                // A backlog: route it all before pushing, so batches are full.
            }
            while (!stopping.get() && push.pushDue(node) > 0) {
                // Keep going while there is work; the next tick comes after a quiet moment.
            }
            // Activities after the leads they hang on, which this tick may just have written.
            while (!stopping.get() && activities.pushDue(node) > 0) {
                // As above.
            }
            // Pulls go after pushes, so LeadSync's own writes are in the CRM (and in the merge base) first.
            if (!stopping.get()) {
                pull.pullDue(node);
            }
        } catch (RuntimeException e) {
            // The next tick tries again; claimed work is released by its lease running out.
            LOG.warn("Sync worker tick failed: {}", e.toString());
        } finally {
            started.stop(cycle);
            ticking.unlock();
        }
    }

    /** Runs as the context stops, before the connection pool and the database: see the class comment. */
    @PreDestroy
    void drain() {
        stopping.set(true);
        try {
            if (ticking.tryLock(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                ticking.unlock();
                LOG.info("Sync worker stopped; it holds no work");
            } else {
                LOG.warn("Sync worker still busy after {} s; what it holds is taken over when its lease runs out",
                        DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
