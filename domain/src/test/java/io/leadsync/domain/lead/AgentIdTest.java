package io.leadsync.domain.lead;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"agent-7", "sdr.emea:ada", "A", "_bot_", ".x", "team:sales-1.v2"})
    void agent_ids_of_letters_digits_and_separators_are_accepted_as_given(String id) {
        assertThat(new AgentId(id).value()).isEqualTo(id);
        assertThat(new AgentId(id)).hasToString(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "agent 7", "agent/7", "agent@acme", " agent-7", "agént"})
    void agent_ids_with_other_characters_are_refused_naming_the_agent_field(String id) {
        assertThatThrownBy(() -> new AgentId(id))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("agentId", AgentId.RULE)));
    }

    @Test
    void an_agent_id_of_80_characters_is_accepted_and_one_more_is_refused() {
        String longest = "a".repeat(AgentId.MAX_LENGTH);
        assertThat(new AgentId(longest).value()).hasSize(80);

        assertThatThrownBy(() -> new AgentId(longest + "a")).isInstanceOf(InvalidLeadException.class);
    }
}
