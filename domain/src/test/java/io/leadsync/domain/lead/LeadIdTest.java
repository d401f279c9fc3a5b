package io.leadsync.domain.lead;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"lead-1", "L", "7", "crm:sf:00Q5e00000AbCdE", "a_b-c:d", "0aBc"})
    void ids_safe_as_an_external_id_and_in_a_url_are_accepted_as_given(String id) {
        assertThat(new LeadId(id).value()).isEqualTo(id);
        assertThat(new LeadId(id)).hasToString(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", " lead-1", "lead-1 ", "-lead", "_lead", ":lead", "lead/1", "lead.1", "lead 1",
            "lead?x=1", "lead%201", "léad", "lead#1"})
    void ids_unsafe_in_a_crm_external_id_or_a_url_path_are_refused(String id) {
        assertThatThrownBy(() -> new LeadId(id))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("leadId", LeadId.RULE)));
    }

    @Test
    void an_id_of_80_characters_is_accepted_and_one_more_is_refused() {
        String longest = "x".repeat(LeadId.MAX_LENGTH);
        assertThat(new LeadId(longest).value()).hasSize(80);

        assertThatThrownBy(() -> new LeadId(longest + "x")).isInstanceOf(InvalidLeadException.class);
    }
}
