package io.leadsync.adapters.out.crm.salesforce;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ShortLimitBackoffTest {
    private final MovingClock clock = new MovingClock();
    private final ShortLimitBackoff backoff = new ShortLimitBackoff(clock);

    @Test
    void refusals_one_after_another_double_the_wait_up_to_the_ceiling() {
        Duration first = backoff.refused("acme.my.salesforce.com");
        clock.move(first);
        Duration second = backoff.refused("acme.my.salesforce.com");
        clock.move(second);
        Duration third = backoff.refused("acme.my.salesforce.com");

        assertThat(first).isEqualTo(Duration.ofSeconds(5));
        assertThat(second).isEqualTo(Duration.ofSeconds(10));
        assertThat(third).isEqualTo(Duration.ofSeconds(20));
        Duration last = third;
        for (int i = 0; i < 10; i++) {
            clock.move(last);
            last = backoff.refused("acme.my.salesforce.com");
        }
        assertThat(last).isEqualTo(ShortLimitBackoff.CEILING);
    }

    @Test
    void after_a_quiet_spell_the_wait_starts_short_again_and_each_org_has_its_own() {
        backoff.refused("acme.my.salesforce.com");
        clock.move(Duration.ofSeconds(5));
        assertThat(backoff.refused("acme.my.salesforce.com")).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.refused("beta.my.salesforce.com")).isEqualTo(Duration.ofSeconds(5));

        clock.move(Duration.ofSeconds(31));

        assertThat(backoff.refused("acme.my.salesforce.com")).isEqualTo(Duration.ofSeconds(5));
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-04T09:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
