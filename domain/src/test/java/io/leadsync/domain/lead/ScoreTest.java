package io.leadsync.domain.lead;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 50, 99, 100})
    void scores_from_0_to_100_are_accepted(int value) {
        assertThat(new Score(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void scores_outside_0_to_100_are_refused(int value) {
        assertThatThrownBy(() -> new Score(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Score.RULE);
    }
}
