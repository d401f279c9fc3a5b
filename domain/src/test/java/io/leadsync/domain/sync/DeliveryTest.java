package io.leadsync.domain.sync;

import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryTest {
    private static final LeadId LEAD = new LeadId("lead-1");
    private final RetryPolicy policy = RetryPolicy.crmPush();

    private Delivery claimed() {
        Delivery delivery = Delivery.due(LEAD, 4, T0);
        delivery.claim("node-a", T0);
        return delivery;
    }

    @Test
    void a_due_delivery_is_claimed_by_one_node_and_delivered_at_a_version() {
        Delivery delivery = claimed();
        assertThat(delivery.state()).isEqualTo(Delivery.State.CLAIMED);
        assertThat(delivery.claimedBy()).contains("node-a");

        delivery.delivered(5);

        assertThat(delivery.state()).isEqualTo(Delivery.State.DELIVERED);
        assertThat(delivery.deliveredVersion()).isEqualTo(5);
        assertThat(delivery.state().closed()).isTrue();
    }

    @Test
    void a_delivery_cannot_be_claimed_before_it_is_due_nor_twice() {
        Delivery later = Delivery.due(LEAD, 1, T0.plusSeconds(10));
        assertThatThrownBy(() -> later.claim("node-a", T0)).isInstanceOf(IllegalStateException.class);
        Delivery delivery = claimed();
        assertThatThrownBy(() -> delivery.claim("node-b", T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void only_a_claimed_delivery_ends() {
        Delivery delivery = Delivery.due(LEAD, 1, T0);
        assertThatThrownBy(() -> delivery.delivered(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> delivery.skip("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_skipped_delivery_keeps_its_reason_and_spends_no_attempt() {
        Delivery delivery = claimed();
        delivery.skip(SendPolicy.NO_WORK_EMAIL);
        assertThat(delivery.state()).isEqualTo(Delivery.State.SKIPPED);
        assertThat(delivery.reason()).contains(SendPolicy.NO_WORK_EMAIL);
        assertThat(delivery.attempts()).isZero();
    }

    @Test
    void a_held_delivery_spends_no_attempt_and_is_due_again_when_the_hold_ends() {
        Delivery delivery = claimed();
        delivery.hold(T0.plusSeconds(10), "rate limited");

        assertThat(delivery.state()).isEqualTo(Delivery.State.HELD);
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.attemptCounted()).isFalse();
        assertThatThrownBy(() -> delivery.claim("node-a", T0.plusSeconds(9))).isInstanceOf(IllegalStateException.class);
        delivery.claim("node-a", T0.plusSeconds(10));
        assertThat(delivery.state()).isEqualTo(Delivery.State.CLAIMED);
    }

    @Test
    void a_failed_attempt_is_retried_with_backoff_then_fails_with_the_crms_reason() {
        Delivery delivery = claimed();
        delivery.failed(RetryPolicy.Failure.REFUSED_FOR_NOW, "UNABLE_TO_LOCK_ROW: busy", policy, T0);
        assertThat(delivery.state()).isEqualTo(Delivery.State.DUE);
        assertThat(delivery.dueAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.attemptCounted()).isTrue();

        delivery.claim("node-a", T0.plusSeconds(30));
        delivery.failed(RetryPolicy.Failure.REFUSED_FOR_NOW, "UNABLE_TO_LOCK_ROW: busy", policy, T0.plusSeconds(30));
        delivery.claim("node-a", T0.plusSeconds(90));
        delivery.failed(RetryPolicy.Failure.REFUSED_FOR_NOW, "UNABLE_TO_LOCK_ROW: busy", policy, T0.plusSeconds(90));

        assertThat(delivery.state()).isEqualTo(Delivery.State.FAILED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.reason()).contains("UNABLE_TO_LOCK_ROW: busy");
    }

    @Test
    void a_restored_pending_delivery_keeps_its_attempts() {
        Delivery delivery = Delivery.restore(LEAD, 2, Delivery.State.DUE, 2, T0, Optional.of("timeout"),
                Optional.empty());
        delivery.claim("node-a", T0);
        delivery.failed(RetryPolicy.Failure.REFUSED_FOR_NOW, "timeout", policy, T0);
        assertThat(delivery.state()).isEqualTo(Delivery.State.FAILED);
    }
}
