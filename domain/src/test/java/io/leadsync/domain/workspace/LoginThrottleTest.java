package io.leadsync.domain.workspace;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    private static final Instant LAST = Instant.parse("2026-12-04T10:00:00Z");
    private final LoginThrottle throttle = LoginThrottle.PER_ACCOUNT;

    @Test
    void the_first_three_failures_cost_no_wait() {
        for (int failures = 0; failures <= 3; failures++) {
            assertThat(throttle.blockedUntil(failures, LAST, LAST)).as("%d failures", failures).isEmpty();
        }
    }

    @Test
    void each_further_failure_doubles_the_wait_until_the_tenth_locks_for_fifteen_minutes() {
        assertThat(throttle.blockedUntil(4, LAST, LAST)).contains(LAST.plusSeconds(1));
        assertThat(throttle.blockedUntil(5, LAST, LAST)).contains(LAST.plusSeconds(2));
        assertThat(throttle.blockedUntil(9, LAST, LAST)).contains(LAST.plusSeconds(32));
        assertThat(throttle.blockedUntil(10, LAST, LAST)).contains(LAST.plus(Duration.ofMinutes(15)));
        assertThat(throttle.blockedUntil(25, LAST, LAST)).contains(LAST.plus(Duration.ofMinutes(15)));
    }

    @Test
    void a_wait_is_over_at_its_end_and_old_failures_are_forgotten_after_the_lockout() {
        assertThat(throttle.blockedUntil(10, LAST, LAST.plus(Duration.ofMinutes(15)))).isEmpty();
        assertThat(throttle.forgotten(LAST, LAST.plus(Duration.ofMinutes(14)))).isFalse();
        assertThat(throttle.forgotten(LAST, LAST.plus(Duration.ofMinutes(15)))).isTrue();
    }

    @Test
    void an_address_gets_more_room_than_an_account() {
        assertThat(LoginThrottle.PER_ADDRESS.blockedUntil(10, LAST, LAST)).isEmpty();
        assertThat(LoginThrottle.PER_ADDRESS.blockedUntil(11, LAST, LAST)).contains(LAST.plusSeconds(1));
        assertThat(LoginThrottle.PER_ADDRESS.blockedUntil(50, LAST, LAST)).contains(LAST.plus(Duration.ofMinutes(15)));
    }
}
