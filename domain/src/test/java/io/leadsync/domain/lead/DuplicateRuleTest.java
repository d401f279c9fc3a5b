package io.leadsync.domain.lead;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    @Test
    void in_one_batch_the_later_of_two_leads_for_the_same_person_repeats_the_first() {
        DuplicateRule rule = new DuplicateRule(true, List.of(LeadField.WORK_EMAIL, LeadField.MOBILE_PHONE),
                Duration.ofDays(30));
        List<Lead> leads = List.of(
                LeadFixtures.aLead().withId("a").withEmail("ada@acme.com").build(),
                LeadFixtures.aLead().withId("b").withEmail("grace@acme.com").build(),
                LeadFixtures.aLead().withId("c").withEmail("ADA@acme.com").build(),
                LeadFixtures.aLead().withId("d").withEmail("ada@acme.com").build());

        assertThat(rule.repeatsWithin(leads)).containsOnly(
                Map.entry(2, new DuplicateRule.Repeat(0, LeadField.WORK_EMAIL)),
                Map.entry(3, new DuplicateRule.Repeat(0, LeadField.WORK_EMAIL)));
        assertThat(DuplicateRule.OFF.repeatsWithin(leads)).as("off: no lead repeats another").isEmpty();
    }
}
