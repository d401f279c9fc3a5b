package io.leadsync.domain.lead;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivityTest {
    private static final LeadId ADA = new LeadId("ada");

    @Test
    void an_activity_without_a_time_happened_now_and_a_blank_body_is_no_body() {
        Activity activity = Activity.log(UUID.randomUUID(), WORKSPACE, ADA, ActivityType.CALL, "  Discovery call ",
                Optional.of("  "), null, T0, "agent-7");

        assertThat(activity.occurredAt()).isEqualTo(T0);
        assertThat(activity.subject()).isEqualTo("Discovery call");
        assertThat(activity.body()).isEmpty();
    }

    @Test
    void every_broken_rule_is_named_at_once() {
        assertThatThrownBy(() -> Activity.log(UUID.randomUUID(), WORKSPACE, ADA, ActivityType.EMAIL, "two\nlines",
                Optional.of("x".repeat(Activity.MAX_BODY + 1)), T0.plus(Duration.ofHours(1)), T0, "agent-7"))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("subject", "body", "occurredAt"));
        assertThatThrownBy(() -> Activity.log(UUID.randomUUID(), WORKSPACE, ADA, ActivityType.EMAIL, null,
                Optional.empty(), T0, T0, "agent-7"))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("subject"));
    }

    @Test
    void a_clock_a_little_ahead_is_tolerated() {
        assertThat(Activity.log(UUID.randomUUID(), WORKSPACE, ADA, ActivityType.MEETING, "Demo", Optional.empty(),
                T0.plus(Duration.ofMinutes(4)), T0, "agent-7").occurredAt()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
    }
}
