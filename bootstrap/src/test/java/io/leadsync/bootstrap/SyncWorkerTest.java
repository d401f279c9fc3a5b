package io.leadsync.bootstrap;

import io.leadsync.application.port.in.pull.PullChangesUseCase;
import io.leadsync.application.port.in.delivery.PushDeliveriesUseCase;
import io.leadsync.application.port.out.WorkSignals;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's own guarantees, with the use cases behind it faked: one connection is never pushed by two threads of a
 * node, connections go side by side, and a stop waits for the batch in flight and claims nothing after it.
 */
class SyncWorkerTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId(UUID.randomUUID());
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /**
     * Calls the worker must never make. The worker catches what a tick throws (and logs it), so a fake that threw
     * would not fail the test: the fakes note the call here and every test ends by checking that none came.
     */
    private static final List<String> FORBIDDEN_CALLS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private SyncWorker worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.drain();
        }
        List<String> made = List.copyOf(FORBIDDEN_CALLS);
        FORBIDDEN_CALLS.clear();
        assertThat(made).as("calls the worker must not make").isEmpty();
    }

    @Test
    // GracefulStopIT's duplicate (ADR 0076): Micronaut runs a @Scheduled method on a bean it looks up at every run, so a
    // tick that came while the context stopped made a second worker under another node name, which claimed a batch
    // nobody drained. The worker keeps its own time.
    void the_worker_has_no_method_the_framework_schedules() {
        assertThat(Arrays.stream(SyncWorker.class.getDeclaredMethods()).filter(method ->
                method.isAnnotationPresent(Scheduled.class)).map(Method::getName)).isEmpty();
    }

    @Test
    void one_connection_is_never_pushed_by_two_threads_at_once_and_connections_go_side_by_side() throws Exception {
        ConnectionId slow = new ConnectionId(UUID.randomUUID());
        ConnectionId other = new ConnectionId(UUID.randomUUID());
        Map<ConnectionId, AtomicInteger> inFlight = Map.of(slow, new AtomicInteger(), other, new AtomicInteger());
        Map<ConnectionId, Integer> mostAtOnce = new ConcurrentHashMap<>();
        Map<ConnectionId, AtomicInteger> batches = Map.of(slow, new AtomicInteger(), other, new AtomicInteger());
        CountDownLatch otherStarted = new CountDownLatch(1);
        AtomicBoolean sideBySide = new AtomicBoolean();
        FakePush push = new FakePush(List.of(slow, other)) {
            @Override
            public BatchResult pushBatch(WorkspaceId workspaceId, ConnectionId connectionId, String node,
                                         Duration waited) {
                int now = inFlight.get(connectionId).incrementAndGet();
                mostAtOnce.merge(connectionId, now, Math::max);
                try {
                    if (connectionId.equals(other)) {
                        otherStarted.countDown();
                    } else if (otherStarted.await(5, TimeUnit.SECONDS)) {
                        // The slow connection's batch is in flight while the other's starts.
                        sideBySide.set(true);
                    }
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.get(connectionId).decrementAndGet();
                }
                // Three full batches (a backlog), then a partial one, each time the connection is owed.
                return batches.get(connectionId).incrementAndGet() % 4 != 0 ? BatchResult.MORE_DUE : BatchResult.DONE;
            }
        };
        worker = worker(push, 4);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (batches.get(slow).get() < 40 || batches.get(other).get() < 40) {
            // Wake-ups and ticks race for the same connections.
            worker.wake();
            worker.tick();
            assertThat(System.nanoTime()).as("forty batches each").isLessThan(deadline);
        }

        assertThat(mostAtOnce).as("batches of one connection in flight at once").containsEntry(slow, 1)
                .containsEntry(other, 1);
        assertThat(sideBySide).as("the other connection's batch started while the slow one's was in flight").isTrue();
    }

    @Test
    void a_connection_whose_batch_is_slow_does_not_hold_back_another_connections_next_batches() throws Exception {
        ConnectionId slow = new ConnectionId(UUID.randomUUID());
        ConnectionId quick = new ConnectionId(UUID.randomUUID());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger quickBatches = new AtomicInteger();
        AtomicInteger quickBatchesWhileSlowInFlight = new AtomicInteger();
        AtomicBoolean slowInFlight = new AtomicBoolean();
        FakePush push = new FakePush(List.of(slow, quick)) {
            @Override
            public BatchResult pushBatch(WorkspaceId workspaceId, ConnectionId connectionId, String node,
                                         Duration waited) {
                if (connectionId.equals(slow)) {
                    slowInFlight.set(true);
                    try {
                        release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    slowInFlight.set(false);
                } else {
                    quickBatches.incrementAndGet();
                    if (slowInFlight.get()) {
                        quickBatchesWhileSlowInFlight.incrementAndGet();
                    }
                }
                // Partial batches: each is the connection's last until it is owed again.
                return BatchResult.DONE;
            }
        };
        worker = worker(push, 4);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            // A steady trickle of commits: wake-ups only, no tick (ticks are an hour apart here).
            while (quickBatchesWhileSlowInFlight.get() < 3) {
                worker.wake();
                Thread.sleep(5);
                assertThat(System.nanoTime()).as("three of the quick connection's batches while the slow one's is "
                        + "in flight; it had " + quickBatches.get()).isLessThan(deadline);
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void a_stop_waits_for_the_batch_in_flight_and_claims_nothing_after_it() throws Exception {
        ConnectionId connection = new ConnectionId(UUID.randomUUID());
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        FakePush push = new FakePush(List.of(connection)) {
            @Override
            public BatchResult pushBatch(WorkspaceId workspaceId, ConnectionId connectionId, String node,
                                         Duration waited) {
                events.add("batch started");
                inFlight.countDown();
                try {
                    release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                events.add("batch recorded");
                // Full: a worker that did not stop would claim the next batch at once.
                return BatchResult.MORE_DUE;
            }
        };
        worker = worker(push, 1);
        worker.wake();
        assertThat(inFlight.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("a batch in flight").isTrue();

        Thread stopping = new Thread(() -> {
            worker.drain();
            events.add("stopped");
        });
        stopping.start();
        // The stop is under way (the flag is set at once) while the batch is still in flight.
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (stopping.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("the stop waits").isLessThan(deadline);
            Thread.sleep(5);
        }
        release.countDown();
        stopping.join(PATIENCE.toMillis());
        worker.tick();
        worker.wake();

        assertThat(events).as("the stop waited for the batch, and no batch began after it")
                .containsExactly("batch started", "batch recorded", "stopped");
    }

    @Test
    void a_connection_another_node_is_pushing_is_left_to_it_rather_than_asked_again_at_every_look() throws Exception {
        ConnectionId heldElsewhere = new ConnectionId(UUID.randomUUID());
        ConnectionId ours = new ConnectionId(UUID.randomUUID());
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger ourBatches = new AtomicInteger();
        FakePush push = new FakePush(List.of(heldElsewhere, ours)) {
            @Override
            public BatchResult pushBatch(WorkspaceId workspaceId, ConnectionId connectionId, String node,
                                         Duration waited) {
                if (connectionId.equals(heldElsewhere)) {
                    asked.incrementAndGet();
                    return BatchResult.HELD_ELSEWHERE;
                }
                ourBatches.incrementAndGet();
                return BatchResult.DONE;
            }
        };
        // Both connections stay owed at every look; the other node's hold outlasts the test.
        worker = worker(push, 4, Duration.ofHours(1));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (ourBatches.get() < 30) {
            worker.wake();
            worker.tick();
            assertThat(System.nanoTime()).as("thirty batches of the connection no one else holds").isLessThan(deadline);
        }

        // Each of those thirty looks found both connections owed; the held one was asked once, then left alone.
        assertThat(asked).as("drains of the connection another node holds").hasValue(1);
    }

    @Test
    void a_connection_held_elsewhere_is_taken_up_again_after_the_pause_once_its_holder_is_gone() throws Exception {
        ConnectionId connection = new ConnectionId(UUID.randomUUID());
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger pushedHere = new AtomicInteger();
        FakePush push = new FakePush(List.of(connection)) {
            @Override
            public BatchResult pushBatch(WorkspaceId workspaceId, ConnectionId connectionId, String node,
                                         Duration waited) {
                // The other node holds it at the first ask, then dies (its hold goes with its session).
                if (asked.incrementAndGet() == 1) {
                    return BatchResult.HELD_ELSEWHERE;
                }
                pushedHere.incrementAndGet();
                return BatchResult.DONE;
            }
        };
        worker = worker(push, 1, Duration.ofMillis(50));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (pushedHere.get() == 0) {
            worker.wake();
            worker.tick();
            Thread.sleep(5);
            assertThat(System.nanoTime()).as("this node pushes the connection once its holder is gone")
                    .isLessThan(deadline);
        }
    }

    private static SyncWorker worker(PushDeliveriesUseCase push, int threads) {
        return worker(push, threads, Duration.ofMillis(100));
    }

    private static SyncWorker worker(PushDeliveriesUseCase push, int threads, Duration heldPause) {
        // Ticks an hour apart: the test drives them; a 10 ms window.
        return new SyncWorker(limit -> 0, push, new NoPulls(), node -> 0, new SimpleMeterRegistry(), WorkSignals.NONE,
                threads, Duration.ofMillis(10), Duration.ofHours(1), Duration.ofHours(1), heldPause);
    }

    private static final class NoPulls implements PullChangesUseCase {
        @Override
        public int pullDue(String node) {
            return 0;
        }

        /** The worker pulls what is due, never on demand: a call is noted and fails the test. */
        @Override
        public PullReport pullNow(WorkspaceId workspaceId, ConnectionId connectionId, String node) {
            FORBIDDEN_CALLS.add("pullNow: the worker pulls what is due");
            return null;
        }
    }

    /** Every connection given is owed deliveries at every look. */
    private abstract static class FakePush implements PushDeliveriesUseCase {
        private final List<ConnectionId> connections;

        FakePush(List<ConnectionId> connections) {
            this.connections = new ArrayList<>(connections);
        }

        /**
         * The worker goes connection by connection (owing, then pushBatch); a call to the old whole-node push is noted
         * and fails the test, so a regression to it cannot hide.
         */
        @Override
        public int pushDue(String node) {
            FORBIDDEN_CALLS.add("pushDue: the worker pushes connection by connection");
            return 0;
        }

        @Override
        public List<Owing> owing(Duration waited, int limit) {
            return connections.stream().map(connection -> new Owing(WORKSPACE, connection)).toList();
        }
    }
}
