package io.leadsync.adapters.in.http.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemErrorTest {
    @Test
    void a_field_error_points_at_the_member_with_rfc_6901_escaping() {
        assertThat(ProblemError.ofField("workEmail", "bad").pointer()).isEqualTo("/workEmail");
        assertThat(ProblemError.ofField("a/b~c", "bad").pointer()).isEqualTo("/a~1b~0c");
        assertThat(ProblemError.ofField("a/b~c", "bad").field()).isEqualTo("a/b~c");
    }

    @Test
    void a_parameter_error_names_the_parameter_and_has_no_pointer() {
        ProblemError error = ProblemError.ofParameter("size", "too big");

        assertThat(error.parameter()).isEqualTo("size");
        assertThat(error.pointer()).isNull();
    }
}
