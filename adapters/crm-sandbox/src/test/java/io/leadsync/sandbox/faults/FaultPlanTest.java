package io.leadsync.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    private static final Fault BUSY = Fault.status("BUSY", 503);

    @Test
    void a_counted_fault_hits_exactly_that_many_calls_even_when_they_race() throws Exception {
        FaultPlan plan = new FaultPlan();
        plan.inject(null, "/api", BUSY, 10);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(() -> plan.onCall("GET", "/api/x").fault().isPresent());
        }
        long faulted = 0;
        for (Future<Boolean> result : pool.invokeAll(calls)) {
            faulted += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(faulted).isEqualTo(10);
        assertThat(plan.rules()).isEmpty();
    }

    @Test
    void method_and_path_prefix_both_have_to_match() {
        FaultPlan plan = new FaultPlan();
        plan.injectAlways("patch", "/api/items", BUSY);

        assertThat(plan.onCall("GET", "/api/items/1").fault()).isEmpty();
        assertThat(plan.onCall("PATCH", "/api/other").fault()).isEmpty();
        assertThat(plan.onCall("PATCH", "/api/items/1").fault()).contains(BUSY);
        assertThat(plan.onCall("PATCH", "/api/items/2").fault()).contains(BUSY);
    }

    @Test
    void queued_faults_play_out_oldest_first() {
        FaultPlan plan = new FaultPlan();
        Fault timeout = Fault.timeout(Duration.ofMillis(1));
        plan.inject(null, null, timeout, 1);
        plan.inject(null, "any", BUSY, 1);

        assertThat(plan.onCall("GET", "/a").fault()).contains(timeout);
        assertThat(plan.onCall("GET", "/a").fault()).contains(BUSY);
        assertThat(plan.onCall("GET", "/a")).isEqualTo(FaultPlan.Outcome.NONE);
    }

    @Test
    void latencies_add_up_and_setting_one_again_replaces_it() {
        FaultPlan plan = new FaultPlan();
        plan.latency(null, null, Duration.ofMillis(50));
        plan.latency(null, null, Duration.ofMillis(20));
        plan.latency("GET", "/slow", Duration.ofMillis(100));

        assertThat(plan.onCall("GET", "/slow/x").latency()).isEqualTo(Duration.ofMillis(120));
        assertThat(plan.onCall("POST", "/slow/x").latency()).isEqualTo(Duration.ofMillis(20));
        plan.latency(null, null, Duration.ZERO);
        assertThat(plan.onCall("POST", "/slow/x")).isEqualTo(FaultPlan.Outcome.NONE);
    }

    @Test
    void a_latency_does_not_use_up_a_counted_fault_and_both_apply() {
        FaultPlan plan = new FaultPlan();
        plan.latency(null, null, Duration.ofMillis(5));
        plan.inject(null, null, BUSY, 1);

        FaultPlan.Outcome first = plan.onCall("GET", "/");
        assertThat(first.latency()).isEqualTo(Duration.ofMillis(5));
        assertThat(first.fault()).contains(BUSY);
        assertThat(plan.onCall("GET", "/").fault()).isEmpty();
    }

    @Test
    void nonsense_rules_are_refused() {
        FaultPlan plan = new FaultPlan();
        assertThatThrownBy(() -> plan.inject(null, null, BUSY, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.status("X", 42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.latency(null, null, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_random_fault_strikes_about_its_share_of_the_matching_calls_only_and_clear_removes_it() {
        FaultPlan plan = new FaultPlan();
        plan.injectRandomly(null, "/api", BUSY, 0.1);

        int faulted = 0;
        for (int i = 0; i < 10_000; i++) {
            faulted += plan.onCall("GET", "/api/x").fault().isPresent() ? 1 : 0;
        }
        // 10% of 10,000: the binomial spread is about 30, so 800..1,200 fails only by a broken plan.
        assertThat(faulted).isBetween(800, 1_200);
        assertThat(plan.onCall("GET", "/other").fault()).isEmpty();
        plan.clear();
        for (int i = 0; i < 1_000; i++) {
            assertThat(plan.onCall("GET", "/api/x").fault()).isEmpty();
        }
        assertThatThrownBy(() -> plan.injectRandomly(null, null, BUSY, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removing_a_rule_ends_it_and_leaves_the_others() {
        FaultPlan plan = new FaultPlan();
        FaultRule burst = plan.injectAlways(null, "/api", BUSY);
        plan.inject(null, "/other", BUSY, 1);

        assertThat(plan.onCall("GET", "/api/x").fault()).contains(BUSY);
        plan.remove(burst);

        assertThat(plan.onCall("GET", "/api/x").fault()).isEmpty();
        assertThat(plan.onCall("GET", "/other").fault()).contains(BUSY);
    }
}
