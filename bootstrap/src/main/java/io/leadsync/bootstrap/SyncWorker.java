package io.leadsync.bootstrap;

import io.leadsync.application.port.in.PullChangesUseCase;
import io.leadsync.application.port.in.PushActivitiesUseCase;
import io.leadsync.application.port.in.PushDeliveriesUseCase;
import io.leadsync.application.port.in.RouteChangesUseCase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * Each node's share of the sync: every tick it routes committed changes to deliveries, pushes the due ones, and pulls
 * the connections whose cycle is due.
 * All coordination is in PostgreSQL (SKIP LOCKED claims and leases), so every node runs the same worker; a node that
 * dies leaves leases that run out, and the others take its work over.
 */
@Singleton
@Requires(property = "leadsync.sync.worker.enabled", notEquals = "false")
final class SyncWorker {
    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);
    private static final int ROUTE_BATCH = 1_000;

    private final RouteChangesUseCase route;
    private final PushDeliveriesUseCase push;
    private final PullChangesUseCase pull;
    private final PushActivitiesUseCase activities;
    /** Names this node in leases: host and process, plus a random part so a restarted process is a new claimant. */
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

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
        Timer.Sample started = Timer.start();
        try {
            while (route.route(ROUTE_BATCH) == ROUTE_BATCH) {
                // A backlog: route it all before pushing, so batches are full.
            }
            while (push.pushDue(node) > 0) {
                // Keep going while there is work; the next tick comes after a quiet moment.
            }
            // Activities after the leads they hang on, which this tick may just have written.
            while (activities.pushDue(node) > 0) {
                // As above.
            }
            // Pulls go after pushes, so LeadSync's own writes are in the CRM (and in the merge base) first.
            pull.pullDue(node);
        } catch (RuntimeException e) {
            // The next tick tries again; claimed work is released by its lease running out.
            LOG.warn("Sync worker tick failed: {}", e.toString());
        } finally {
            started.stop(cycle);
        }
    }
}
