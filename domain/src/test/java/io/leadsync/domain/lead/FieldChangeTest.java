package io.leadsync.domain.lead;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldChangeTest {

    @Test
    void a_field_change_must_change_the_value() {
        assertThatThrownBy(() -> new FieldChange(LeadField.CITY, Optional.of("London"), Optional.of("London")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldChange(LeadField.CITY, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new FieldChange(LeadField.CITY, Optional.of("London"), Optional.empty()).after()).isEmpty();
    }

    @Test
    void an_invalid_lead_lists_at_least_one_broken_rule_in_its_message() {
        InvalidLeadException e = new InvalidLeadException(List.of(
                new FieldViolation("workEmail", "must be an e-mail"), new FieldViolation("city", "too long")));

        assertThat(e).hasMessage("invalid lead: workEmail must be an e-mail; city too long;");
        assertThatThrownBy(() -> new InvalidLeadException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
