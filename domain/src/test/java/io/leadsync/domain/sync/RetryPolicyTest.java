package io.leadsync.domain.sync;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {
    private final RetryPolicy push = RetryPolicy.crmPush();

    @Test
    void a_refused_record_gets_three_attempts_with_doubling_backoff() {
        assertThat(push.afterFailure(0, RetryPolicy.Failure.REFUSED_FOR_NOW, T0))
                .isEqualTo(new RetryPolicy.RetryAt(T0.plusSeconds(30)));
        assertThat(push.afterFailure(1, RetryPolicy.Failure.REFUSED_FOR_NOW, T0))
                .isEqualTo(new RetryPolicy.RetryAt(T0.plusSeconds(60)));
        assertThat(push.afterFailure(2, RetryPolicy.Failure.REFUSED_FOR_NOW, T0))
                .isEqualTo(new RetryPolicy.GiveUp(3));
    }

    @Test
    void a_crm_that_is_down_gets_ten_attempts_before_the_record_fails() {
        assertThat(push.afterFailure(8, RetryPolicy.Failure.UNAVAILABLE, T0)).isInstanceOf(RetryPolicy.RetryAt.class);
        assertThat(push.afterFailure(9, RetryPolicy.Failure.UNAVAILABLE, T0)).isEqualTo(new RetryPolicy.GiveUp(10));
    }

    @Test
    void a_refusal_retrying_cannot_fix_fails_at_once() {
        assertThat(push.afterFailure(0, RetryPolicy.Failure.REFUSED_FOR_GOOD, T0)).isEqualTo(new RetryPolicy.GiveUp(1));
    }

    @Test
    void backoff_is_capped_at_fifteen_minutes() {
        assertThat(push.backoff(5)).isEqualTo(Duration.ofMinutes(15));
        assertThat(push.backoff(60)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void a_rate_limit_waits_as_asked_or_ten_seconds_and_a_daily_limit_an_hour() {
        assertThat(push.afterRateLimit(Optional.of(Duration.ofSeconds(3)), false, T0)).isEqualTo(T0.plusSeconds(3));
        assertThat(push.afterRateLimit(Optional.empty(), false, T0)).isEqualTo(T0.plusSeconds(10));
        assertThat(push.afterRateLimit(Optional.of(Duration.ofSeconds(3)), true, T0)).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void an_endpoint_gets_its_retries_after_the_first_try_without_a_cap() {
        RetryPolicy endpoint = RetryPolicy.endpoint(3, Duration.ofSeconds(30));
        assertThat(endpoint.afterFailure(2, RetryPolicy.Failure.UNAVAILABLE, T0))
                .isEqualTo(new RetryPolicy.RetryAt(T0.plusSeconds(120)));
        assertThat(endpoint.afterFailure(3, RetryPolicy.Failure.UNAVAILABLE, T0)).isEqualTo(new RetryPolicy.GiveUp(4));
        assertThat(RetryPolicy.endpoint(0, Duration.ofSeconds(30))
                .afterFailure(0, RetryPolicy.Failure.REFUSED_FOR_NOW, T0)).isEqualTo(new RetryPolicy.GiveUp(1));
    }

    @Test
    void a_policy_without_attempts_is_refused() {
        assertThatThrownBy(() -> new RetryPolicy(0, 1, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.endpoint(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
