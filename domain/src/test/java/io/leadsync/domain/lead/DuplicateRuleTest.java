package io.leadsync.domain.lead;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DuplicateRuleTest {
    @Test
    void the_window_is_longer_than_zero_and_at_most_a_year_and_a_day() {
        assertThat(new DuplicateRule(true, List.of(LeadField.WORK_EMAIL), Duration.ofDays(366)).window())
                .isEqualTo(DuplicateRule.MAX_WINDOW);
        assertThatThrownBy(() -> new DuplicateRule(true, List.of(LeadField.WORK_EMAIL), Duration.ofDays(367)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("366 days");
        assertThatThrownBy(() -> new DuplicateRule(true, List.of(LeadField.WORK_EMAIL), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DuplicateRule.allowsWindow(Duration.ofHours(1))).isTrue();
    }

    @Test
    void the_lead_id_cannot_be_a_duplicate_key() {
        assertThatThrownBy(() -> new DuplicateRule(true, List.of(LeadField.LEAD_ID), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
