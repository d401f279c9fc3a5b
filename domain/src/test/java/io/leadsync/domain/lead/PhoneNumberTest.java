package io.leadsync.domain.lead;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumberTest {

    @ParameterizedTest
    @CsvSource({
            "'+1 (415) 555-0100',   +14155550100",
            "'+44 20 7946 0958',    +442079460958",
            "415.555.0100,          4155550100",
            "'  +49-30-1234567 ',   +49301234567",
            "5550100,               5550100",
            "+123456789012345,      +123456789012345",
    })
    void formatting_is_dropped_so_it_never_reads_as_a_change(String typed, String canonical) {
        assertThat(new PhoneNumber(typed).value()).isEqualTo(canonical);
    }

    @Test
    void the_same_number_formatted_two_ways_compares_equal() {
        assertThat(new PhoneNumber("+1 (415) 555-0100")).isEqualTo(new PhoneNumber("+1.415.555.0100"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "555010", "1234567890123456", "+1 415 555 0100 ext 7", "call me", "1+415555010",
            "++14155550100", "+1/415/5550100", "(((  )))"})
    void numbers_outside_the_e164_range_or_with_other_characters_are_refused(String typed) {
        assertThatThrownBy(() -> new PhoneNumber(typed))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("mobilePhone", PhoneNumber.RULE)));
    }
}
