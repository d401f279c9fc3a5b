package io.leadsync.domain.crm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessAdviceTest {
    @Test
    void a_page_layout_hiding_a_field_is_advice_that_does_not_stop_the_sync() {
        Readiness.Problem hidden = new Readiness.Problem(Readiness.Kind.HIDDEN_ON_LAYOUT, "Lead layout \"Lead Layout\"",
                "hides LeadSync_Status__c from reps", "add it");
        Readiness.Problem missing = new Readiness.Problem(Readiness.Kind.MISSING, "LeadSync_Status__c",
                "does not exist", "create it");

        assertThat(new Readiness(List.of(hidden)).isReady()).isTrue();
        assertThat(new Readiness(List.of(hidden, missing)).isReady()).isFalse();
        assertThat(new Readiness(List.of(hidden, missing)).summary()).isEqualTo("LeadSync_Status__c: does not exist");
    }
}
