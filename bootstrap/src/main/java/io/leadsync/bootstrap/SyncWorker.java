package io.leadsync.bootstrap;

import io.leadsync.application.port.in.pull.PullChangesUseCase;
import io.leadsync.application.port.in.delivery.PushActivitiesUseCase;
import io.leadsync.application.port.in.delivery.PushDeliveriesUseCase;
import io.leadsync.application.port.in.delivery.RouteChangesUseCase;
import io.leadsync.application.port.out.WorkSignals;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Each node's share of the sync: it routes committed changes to deliveries, pushes the due ones, and pulls the
 * connections whose cycle is due.
 * All coordination is in PostgreSQL (SKIP LOCKED claims and leases), so every node runs the same worker; a node that
 * dies leaves leases that run out, and the others take its work over.
 *
 * <p>Pushes start two ways (ADR 0057): a commit that wrote work signals every node ({@link WorkSignals}, PostgreSQL
 * {@code LISTEN/NOTIFY}), and after a short batching window (so the commits of that moment travel in one batch) the
 * node routes and pushes; the periodic tick stays as the safety net for a lost signal, for work that comes due later
 * (retries, cycles) and for pulls. Due connections are pushed by a bounded pool of drains, in parallel: each drain
 * claims a batch of some due connection (SKIP LOCKED), so a slow CRM holds up one drain, not the others.
 *
 * <p>When LeadSync stops (SIGTERM), the worker drains before the database goes (issue 14): it claims nothing more,
 * finishes the batches in hand (each CRM or webhook call has its own timeout) and records their outcome, so nothing is
 * left half-sent for a lease to expire on, and no query meets a closing connection pool.
 */
@Singleton
// Made at start, not at the first tick: its wake-ups must be listening before then.
@Context
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
    /** Held while routing and pushing (by a tick or a wake-up); draining waits for it. */
    private final ReentrantLock pushing = new ReentrantLock();
    /** Held while pulling; draining waits for it. */
    private final ReentrantLock pulling = new ReentrantLock();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final Duration batchWindow;
    private final int drains;
    private final ExecutorService pool;
    private final Thread waker;

    /** How long each tick or wake-up takes, as {@code leadsync_worker_cycle_seconds} (issue 16). */
    private final Timer cycle;

    SyncWorker(RouteChangesUseCase route, PushDeliveriesUseCase push, PullChangesUseCase pull,
               PushActivitiesUseCase activities, MeterRegistry registry, WorkSignals signals,
               @Value("${leadsync.sync.worker.push-threads:1}") int drains,
               @Value("${leadsync.sync.worker.batch-window:200ms}") Duration batchWindow) {
        this.cycle = Timer.builder("leadsync.worker.cycle").description("One sync worker tick: route, push, "
                + "activities, pull").register(registry);
        this.activities = activities;
        this.route = route;
        this.push = push;
        this.pull = pull;
        this.drains = Math.max(1, drains);
        this.batchWindow = batchWindow;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.drains, runnable -> {
            Thread thread = new Thread(runnable, "leadsync-push-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.waker = new Thread(this::wakeUps, "leadsync-worker-wake");
        this.waker.setDaemon(true);
        this.waker.start();
        signals.subscribe(this::wake);
    }

    @Scheduled(initialDelay = "${leadsync.sync.worker.initial-delay:2s}",
            fixedDelay = "${leadsync.sync.worker.interval:1s}")
    void tick() {
        if (stopping.get()) {
            return;
        }
        Timer.Sample started = Timer.start();
        try {
            // A wake-up pushing right now covers this tick's push.
            if (pushing.tryLock()) {
                try {
                    routeAndPush();
                } finally {
                    pushing.unlock();
                }
            }
            // Pulls go after pushes, so LeadSync's own writes are in the CRM (and in the merge base) first.
            if (!stopping.get() && pulling.tryLock()) {
                try {
                    pull.pullDue(node);
                } finally {
                    pulling.unlock();
                }
            }
        } catch (RuntimeException e) {
            // The next tick tries again; claimed work is released by its lease running out.
            LOG.warn("Sync worker tick failed: {}", e.toString());
        } finally {
            started.stop(cycle);
        }
    }

    /** A commit somewhere wrote work: push it after the batching window. Returns at once. */
    void wake() {
        if (!woken.getAndSet(true)) {
            LockSupport.unpark(waker);
        }
    }

    private void wakeUps() {
        while (!stopping.get()) {
            if (!woken.get()) {
                LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
                continue;
            }
            try {
                // The window: the commits of this moment go out in one batch, not one call each.
                Thread.sleep(batchWindow.toMillis());
                woken.set(false);
                if (pushing.tryLock(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                    Timer.Sample started = Timer.start();
                    try {
                        if (!stopping.get()) {
                            routeAndPush();
                        }
                    } finally {
                        pushing.unlock();
                        started.stop(cycle);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Sync worker wake-up failed: {}", e.toString());
            }
        }
    }

    /** Routes the outbox, then pushes deliveries and activities; every loop stops claiming once LeadSync stops. */
    private void routeAndPush() {
        while (!stopping.get() && route.route(ROUTE_BATCH) == ROUTE_BATCH) {
            // A backlog: route it all before pushing, so batches are full.
        }
        pushInParallel();
        // Activities after the leads they hang on, which this cycle may just have written.
        while (!stopping.get() && activities.pushDue(node) > 0) {
            // Keep going while there is work; the next tick comes after a quiet moment.
        }
    }

    /**
     * {@link #drains} drains, each pushing due batches until none is left: connections go out side by side, and a
     * connection with a backlog gets several batches in flight (its claims never overlap).
     */
    private void pushInParallel() {
        Callable<Void> drain = () -> {
            while (!stopping.get() && push.pushDue(node) > 0) {
                // Keep going while there is work.
            }
            return null;
        };
        if (drains == 1) {
            try {
                drain.call();
            } catch (Exception e) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            return;
        }
        List<Future<Void>> running = new ArrayList<>();
        for (int i = 0; i < drains; i++) {
            running.add(pool.submit(drain));
        }
        for (Future<Void> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                // The other drains finish their batches; the failed one's claims are released by their lease.
                LOG.warn("Sync worker push failed: {}", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs as the context stops, before the connection pool and the database: see the class comment. */
    @PreDestroy
    void drain() {
        stopping.set(true);
        LockSupport.unpark(waker);
        long deadline = System.nanoTime() + DRAIN.toNanos();
        try {
            boolean quiet = true;
            for (ReentrantLock lock : List.of(pushing, pulling)) {
                long left = Math.max(0, deadline - System.nanoTime());
                if (lock.tryLock(left, TimeUnit.NANOSECONDS)) {
                    lock.unlock();
                } else {
                    quiet = false;
                }
            }
            if (quiet) {
                LOG.info("Sync worker stopped; it holds no work");
            } else {
                LOG.warn("Sync worker still busy after {} s; what it holds is taken over when its lease runs out",
                        DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdown();
        }
    }
}
