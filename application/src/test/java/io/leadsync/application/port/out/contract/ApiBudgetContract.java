package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.ApiBudget;
import io.leadsync.application.port.out.ApiBudget.Outcome;
import io.leadsync.domain.crm.ConnectionId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ApiBudget} must do: never take past the day's allocation or the second's pace, not even for two
 * callers at once; a new UTC day starts from nothing; the CRM's lower figure wins. Each test uses connections of its
 * own, so implementations need not be emptied between tests.
 */
public abstract class ApiBudgetContract {
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");
    private static final int UNPACED = 1_000_000;

    private ApiBudget budget;
    private ConnectionId connection;

    protected abstract ApiBudget emptyBudget();

    @BeforeEach
    void setUp() {
        budget = emptyBudget();
        connection = new ConnectionId(UUID.randomUUID());
    }

    @Test
    void takes_until_the_allocation_is_spent_and_then_nothing() {
        for (int i = 0; i < 3; i++) {
            assertThat(budget.take(WORKSPACE, connection, NOON.plusSeconds(i), 3, UNPACED, 1).outcome())
                    .isEqualTo(Outcome.TAKEN);
        }
        ApiBudget.Take refused = budget.take(WORKSPACE, connection, NOON.plusSeconds(5), 3, UNPACED, 1);

        assertThat(refused.outcome()).isEqualTo(Outcome.DAY_SPENT);
        assertThat(refused.day()).isEqualTo(new ApiBudget.Day(ApiBudget.dayOf(NOON), 3, 3));
        assertThat(budget.today(WORKSPACE, connection, NOON)).hasValueSatisfying(day -> {
            assertThat(day.used()).isEqualTo(3);
            assertThat(day.remaining()).isZero();
        });
    }

    @Test
    void a_new_utc_day_starts_from_nothing() {
        budget.take(WORKSPACE, connection, NOON, 1, UNPACED, 1);
        assertThat(budget.take(WORKSPACE, connection, NOON.plusSeconds(1), 1, UNPACED, 1).taken()).isFalse();

        Instant midnight = Instant.parse("2026-11-24T00:00:00Z");
        assertThat(budget.today(WORKSPACE, connection, midnight)).isEmpty();
        assertThat(budget.take(WORKSPACE, connection, midnight, 1, UNPACED, 1).taken()).isTrue();
        assertThat(budget.today(WORKSPACE, connection, NOON)).hasValueSatisfying(day -> assertThat(day.used())
                .isEqualTo(1));
    }

    @Test
    void no_more_than_the_pace_in_one_second() {
        Instant second = NOON.plusMillis(100);
        assertThat(budget.take(WORKSPACE, connection, second, 100, 2, 1).taken()).isTrue();
        assertThat(budget.take(WORKSPACE, connection, second.plusMillis(500), 100, 2, 1).taken()).isTrue();
        assertThat(budget.take(WORKSPACE, connection, second.plusMillis(800), 100, 2, 1).outcome())
                .isEqualTo(Outcome.TOO_FAST);
        assertThat(budget.take(WORKSPACE, connection, NOON.plusSeconds(1), 100, 2, 1).taken()).isTrue();
        assertThat(budget.today(WORKSPACE, connection, NOON)).hasValueSatisfying(day -> assertThat(day.used())
                .isEqualTo(3));
    }

    @Test
    void adjusts_by_what_calls_really_took_but_never_below_zero() {
        budget.take(WORKSPACE, connection, NOON, 10, UNPACED, 1);

        assertThat(budget.adjust(WORKSPACE, connection, NOON, 10, 3).used()).isEqualTo(4);
        assertThat(budget.adjust(WORKSPACE, connection, NOON, 10, -1).used()).isEqualTo(3);
        assertThat(budget.adjust(WORKSPACE, connection, NOON, 10, -7).used()).isZero();
        // An adjustment counts what was really called, even past the allocation.
        assertThat(budget.adjust(WORKSPACE, connection, NOON, 10, 12).used()).isEqualTo(12);
        assertThat(budget.take(WORKSPACE, connection, NOON.plusSeconds(1), 10, UNPACED, 1).outcome())
                .isEqualTo(Outcome.DAY_SPENT);
    }

    @Test
    void the_crms_lower_figure_of_what_remains_wins_and_a_higher_one_changes_nothing() {
        budget.take(WORKSPACE, connection, NOON, 100, UNPACED, 1);

        assertThat(budget.believeCrm(WORKSPACE, connection, NOON, 100, 500).used()).isEqualTo(1);
        assertThat(budget.believeCrm(WORKSPACE, connection, NOON, 100, 10).used()).isEqualTo(90);
        assertThat(budget.believeCrm(WORKSPACE, connection, NOON, 100, 50).used()).isEqualTo(90);
        assertThat(budget.believeCrm(WORKSPACE, connection, NOON, 100, 0).remaining()).isZero();
        assertThat(budget.take(WORKSPACE, connection, NOON.plusSeconds(1), 100, UNPACED, 1).outcome())
                .isEqualTo(Outcome.DAY_SPENT);
    }

    @Test
    void each_connection_and_workspace_has_its_own_budget() {
        ConnectionId other = new ConnectionId(UUID.randomUUID());
        budget.take(WORKSPACE, connection, NOON, 1, UNPACED, 1);

        assertThat(budget.take(WORKSPACE, other, NOON, 1, UNPACED, 1).taken()).isTrue();
        assertThat(budget.today(OTHER_WORKSPACE, connection, NOON)).isEmpty();
    }

    @Test
    void two_nodes_taking_at_once_never_go_past_the_allocation() throws Exception {
        int allocation = 150;
        int eachTries = 100;
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> takenBy = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                Callable<Integer> taking = () -> {
                    start.await();
                    int taken = 0;
                    for (int i = 0; i < eachTries; i++) {
                        if (budget.take(WORKSPACE, connection, NOON, allocation, UNPACED, 1).taken()) {
                            taken++;
                        }
                    }
                    return taken;
                };
                takenBy.add(nodes.submit(taking));
            }
            start.countDown();
            int taken = 0;
            for (Future<Integer> node : takenBy) {
                taken += node.get(60, TimeUnit.SECONDS);
            }

            assertThat(taken).isEqualTo(allocation);
            assertThat(budget.today(WORKSPACE, connection, NOON)).hasValueSatisfying(day ->
                    assertThat(day.used()).isEqualTo(allocation));
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    void two_nodes_at_once_never_go_past_the_pace() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> takenBy = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                takenBy.add(nodes.submit(() -> {
                    start.await();
                    int taken = 0;
                    for (int i = 0; i < 20; i++) {
                        if (budget.take(WORKSPACE, connection, NOON, 1000, 10, 1).taken()) {
                            taken++;
                        }
                    }
                    return taken;
                }));
            }
            start.countDown();
            int taken = 0;
            for (Future<Integer> node : takenBy) {
                taken += node.get(60, TimeUnit.SECONDS);
            }

            assertThat(taken).isEqualTo(10);
        } finally {
            nodes.shutdownNow();
        }
    }
}
