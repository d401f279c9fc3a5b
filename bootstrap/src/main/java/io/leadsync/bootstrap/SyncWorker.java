package io.leadsync.bootstrap;

import io.leadsync.application.port.in.pull.PullChangesUseCase;
import io.leadsync.application.port.in.delivery.PushActivitiesUseCase;
import io.leadsync.application.port.in.delivery.PushDeliveriesUseCase;
import io.leadsync.application.port.in.delivery.RouteChangesUseCase;
import io.leadsync.application.port.out.WorkSignals;
import io.leadsync.domain.crm.ConnectionId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>Pushes start two ways (ADR 0057, ADR 0076, ADR 0100): a commit that wrote work signals every node
 * ({@link WorkSignals}, PostgreSQL {@code LISTEN/NOTIFY}); the node routes the change at once and, while such
 * wake-ups come, looks every quarter window for connections whose oldest due delivery has waited a batching window
 * (on whichever node it was routed) and hands each to a drain of a bounded pool: batch after batch while they come
 * out full. One drain per connection on a node, so a connection is never pushed by two threads of it; connections
 * never wait for each other's calls; a trickle goes in batches of a window's worth, not one call per commit. The
 * periodic tick stays as the safety net for a lost signal, for work that comes due later (retries, cycles) and for
 * pulls.
 *
 * <p>The worker's timing is its own (two threads it owns, no {@code @Scheduled} method): the framework re-makes a
 * destroyed bean for a scheduled call that comes while the context stops, and such a second worker, under another
 * node name, claimed a batch nobody drained (ADR 0076).
 *
 * <p>When LeadSync stops (SIGTERM), the worker drains as the stop begins ({@link ShutdownEvent}, before any bean is
 * destroyed): it claims nothing more, finishes the batches in hand (each CRM or webhook call has its own timeout) and
 * records their outcome, so nothing is left half-sent for a lease to expire on, and no query meets a closing
 * connection pool.
 */
@Singleton
// Made at start, not at the first tick: its wake-ups must be listening before then.
@Context
@Requires(property = "leadsync.sync.worker.enabled", notEquals = "false")
final class SyncWorker implements ApplicationEventListener<ShutdownEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);
    private static final int ROUTE_BATCH = 1_000;
    /** How many owing connections one push round looks at; the rest are the next round's. */
    static final int CONNECTIONS_PER_ROUND = 500;
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
    /** Held while a round routes and hands connections to drains (by a tick or a wake-up): one round at a time. */
    private final ReentrantLock pushing = new ReentrantLock();
    /** The connections a drain of this node holds: one drain per connection, whoever started it. */
    private final Set<ConnectionId> draining = ConcurrentHashMap.newKeySet();
    /**
     * When each connection's last drain here ended ({@code System.nanoTime()}): its next batch waits a window from
     * then, so what came during a batch gathers a window's worth instead of going the moment its oldest is ripe
     * (on a loaded node every delivery is ripe by then, and batches came out small: MultiNodePushIT).
     */
    private final Map<ConnectionId, Long> drainedAt = new ConcurrentHashMap<>();
    /**
     * Connections another node was pushing when a drain here asked ({@code System.nanoTime()} until which they are
     * left alone, ADR 0104): that node sends what is due and looks again itself, so asking every quarter window would
     * only poll the lock; if it dies its hold goes with it and this node takes over after the pause.
     */
    private final Map<ConnectionId, Long> heldElsewhere = new ConcurrentHashMap<>();
    private final Duration heldPause;
    /** Held while pulling; draining waits for it. */
    private final ReentrantLock pulling = new ReentrantLock();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final Duration batchWindow;
    /** How often a burst of wake-ups looks for connections whose oldest delivery has waited a window. */
    private final Duration step;
    private final Duration interval;
    private final Duration initialDelay;
    private final int drains;
    private final ExecutorService pool;
    private final Thread waker;
    private final Thread ticker;

    /** How long each tick or wake-up takes, as {@code leadsync_worker_cycle_seconds} (issue 16). */
    private final Timer cycle;

    SyncWorker(RouteChangesUseCase route, PushDeliveriesUseCase push, PullChangesUseCase pull,
               PushActivitiesUseCase activities, MeterRegistry registry, WorkSignals signals,
               @Value("${leadsync.sync.worker.push-threads:4}") int drains,
               @Value("${leadsync.sync.worker.batch-window:200ms}") Duration batchWindow,
               @Value("${leadsync.sync.worker.interval:1s}") Duration interval,
               @Value("${leadsync.sync.worker.initial-delay:2s}") Duration initialDelay,
               @Value("${leadsync.sync.worker.held-elsewhere-pause:1s}") Duration heldPause) {
        this.cycle = Timer.builder("leadsync.worker.cycle").description("One sync worker tick: route, push, "
                + "activities, pull").register(registry);
        this.activities = activities;
        this.route = route;
        this.push = push;
        this.pull = pull;
        this.drains = Math.max(1, drains);
        this.batchWindow = batchWindow;
        this.step = Duration.ofMillis(Math.max(5, batchWindow.toMillis() / 4));
        this.interval = interval;
        this.initialDelay = initialDelay;
        this.heldPause = heldPause;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.drains, runnable -> {
            Thread thread = new Thread(runnable, "leadsync-push-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.waker = new Thread(this::wakeUps, "leadsync-worker-wake");
        this.waker.setDaemon(true);
        this.ticker = new Thread(this::ticks, "leadsync-worker-tick");
        this.ticker.setDaemon(true);
        this.waker.start();
        this.ticker.start();
        signals.subscribe(this::wake);
    }

    /** The safety net: a tick after the initial delay, then one {@code interval} after each tick ends. */
    private void ticks() {
        long next = System.nanoTime() + initialDelay.toNanos();
        while (!stopping.get()) {
            long left = next - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(this, left);
                continue;
            }
            tick();
            next = System.nanoTime() + interval.toNanos();
        }
    }

    void tick() {
        if (stopping.get()) {
            return;
        }
        Timer.Sample started = Timer.start();
        try {
            // A wake-up's round right now covers this tick's.
            if (pushing.tryLock()) {
                try {
                    routeAll();
                    pushOwing();
                } finally {
                    pushing.unlock();
                }
            }
            // Activities after the leads they hang on: not while a drain writes leads (its end wakes the worker,
            // whose burst pushes them). The tick does not wait for drains: a long one (a Bulk job) must not hold
            // back the next tick's look at other connections.
            if (draining.isEmpty()) {
                pushActivities();
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

    /** A commit somewhere wrote work: route it and push it after the batching window. Returns at once. */
    void wake() {
        if (!woken.getAndSet(true)) {
            LockSupport.unpark(waker);
        }
    }

    /**
     * A burst of commits: route each at once, and every {@link #step} hand the connections whose oldest due
     * delivery has waited a batching window to drains, until a window has passed without a wake-up and no drain is
     * left. The window counts from each connection's oldest delivery, not from a round: a lead that came while its
     * connection's batch was in flight goes as soon as that batch is done and it has waited its window, and no
     * connection waits for another's calls (issue 15: REALTIME p99 under a second).
     */
    private void wakeUps() {
        while (!stopping.get()) {
            if (!woken.getAndSet(false)) {
                LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
                continue;
            }
            try {
                long lastWake = System.nanoTime();
                boolean routed = false;
                do {
                    if (!routed) {
                        // Routed at once: a delivery's due time is when it was routed, and the window counts from there.
                        routeAll();
                        routed = true;
                    }
                    Thread.sleep(step.toMillis());
                    if (woken.getAndSet(false)) {
                        lastWake = System.nanoTime();
                        routed = false;
                    }
                    round();
                } while (!stopping.get() && (System.nanoTime() - lastWake < batchWindow.plus(step).toNanos()
                        || !draining.isEmpty()));
                // The burst is over and its leads are written: the activities that hang on them.
                pushActivities();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Sync worker wake-up failed: {}", e.toString());
            }
        }
    }

    /** Hands the owing connections no drain holds to drains; returns at once. */
    private void round() {
        if (stopping.get() || !pushing.tryLock()) {
            return;
        }
        Timer.Sample started = Timer.start();
        try {
            pushOwing();
        } finally {
            pushing.unlock();
            started.stop(cycle);
        }
    }

    private void routeAll() {
        while (!stopping.get() && route.route(ROUTE_BATCH) == ROUTE_BATCH) {
            // A backlog: route it all before pushing, so batches are full.
        }
    }

    private void pushActivities() {
        while (!stopping.get() && activities.pushDue(node) > 0) {
            // Keep going while there is work; the next tick comes after a quiet moment.
        }
    }

    /**
     * One round: each connection whose oldest due delivery has waited a batching window, and that no drain of this
     * node holds, goes to a drain of the pool (its batches one after another), connections side by side. Work that
     * came due within the window is left to a later round (or rides with an older batch). Nobody waits for the
     * drains: each wakes the worker when it ends.
     */
    private void pushOwing() {
        List<PushDeliveriesUseCase.Owing> owing = push.owing(batchWindow, CONNECTIONS_PER_ROUND);
        for (PushDeliveriesUseCase.Owing connection : owing) {
            if (stopping.get()) {
                break;
            }
            if (!draining.add(connection.connectionId())) {
                continue;
            }
            // Read only once the slot is ours: a drain that ended meanwhile on another thread wrote both before it let
            // go of the slot, so neither can be read stale here (the tick and the waker both hand out drains).
            if (!mayDrainNow(connection.connectionId())) {
                draining.remove(connection.connectionId());
                continue;
            }
            try {
                pool.submit(() -> {
                    try {
                        drainConnection(connection);
                    } finally {
                        drainedAt.put(connection.connectionId(), System.nanoTime());
                        draining.remove(connection.connectionId());
                        // What came for this connection during its batch: the waker looks again (cheap when nothing).
                        wake();
                    }
                });
            } catch (RejectedExecutionException e) {
                // The pool is shut down: LeadSync stops.
                draining.remove(connection.connectionId());
            }
        }
    }

    /** Not within a window of its last drain's end, and not left to another node that holds it. */
    private boolean mayDrainNow(ConnectionId connectionId) {
        Long lastEnd = drainedAt.get(connectionId);
        if (lastEnd != null && System.nanoTime() - lastEnd < batchWindow.toNanos()) {
            return false;
        }
        Long heldUntil = heldElsewhere.get(connectionId);
        if (heldUntil != null) {
            if (System.nanoTime() - heldUntil < 0) {
                return false;
            }
            heldElsewhere.remove(connectionId, heldUntil);
        }
        return true;
    }

    /** A connection's batches, one after another while they come out full; a failure is this connection's alone. */
    private void drainConnection(PushDeliveriesUseCase.Owing connection) {
        try {
            Duration waited = batchWindow;
            while (!stopping.get()) {
                PushDeliveriesUseCase.BatchResult result = push.pushBatch(connection.workspaceId(),
                        connection.connectionId(), node, waited);
                if (result == PushDeliveriesUseCase.BatchResult.HELD_ELSEWHERE) {
                    heldElsewhere.put(connection.connectionId(), System.nanoTime() + heldPause.toNanos());
                }
                if (result != PushDeliveriesUseCase.BatchResult.MORE_DUE) {
                    break;
                }
                // A backlog: the next full batch at once.
                waited = Duration.ZERO;
            }
        } catch (RuntimeException e) {
            // Its claims are released by their lease; the other connections go on.
            LOG.warn("Sync worker push of connection {} failed: {}", connection.connectionId().value(), e.toString());
        }
    }

    /** The stop begins: drain before any bean (the connection pool, the CRM clients) is destroyed. */
    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        drain();
    }

    /** Also at destruction, for a context stopped without its shutdown event; a second call finds nothing to do. */
    @PreDestroy
    void drain() {
        if (stopping.getAndSet(true)) {
            return;
        }
        LockSupport.unpark(waker);
        LockSupport.unpark(ticker);
        long deadline = System.nanoTime() + DRAIN.toNanos();
        try {
            boolean quiet = true;
            // The drains in hand finish their batch and claim no other (they check the flag).
            while (!draining.isEmpty() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(5));
            }
            quiet = draining.isEmpty();
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
