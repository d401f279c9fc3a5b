package io.leadsync.domain.crm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingRulesTest {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.randomUUID());
    private static final ConnectionId HUBSPOT = new ConnectionId(UUID.randomUUID());
    private final RoutingRules rules = new RoutingRules(Map.of(AgentAction.UPSERT_LEAD, List.of(SALESFORCE)),
            Map.of("agent-7", List.of(HUBSPOT)), List.of(HUBSPOT));

    @Test
    void the_requests_own_targets_win_over_every_rule() {
        assertThat(rules.select(AgentAction.UPSERT_LEAD, List.of(HUBSPOT), Optional.of("agent-7")))
                .isEqualTo(new RoutingRules.Selection(List.of(HUBSPOT), RoutingRules.Rule.REQUEST));
    }

    @Test
    void the_workspace_rule_for_the_action_comes_before_the_agents_default() {
        assertThat(rules.select(AgentAction.UPSERT_LEAD, List.of(), Optional.of("agent-7")))
                .isEqualTo(new RoutingRules.Selection(List.of(SALESFORCE), RoutingRules.Rule.ACTION_RULE));
    }

    @Test
    void an_action_without_a_rule_goes_to_the_agents_default_then_the_workspace_default() {
        assertThat(rules.select(AgentAction.CHANGE_STATUS, List.of(), Optional.of("agent-7")).rule())
                .isEqualTo(RoutingRules.Rule.AGENT_DEFAULT);
        assertThat(rules.select(AgentAction.CHANGE_STATUS, List.of(), Optional.of("agent-9")))
                .isEqualTo(new RoutingRules.Selection(List.of(HUBSPOT), RoutingRules.Rule.WORKSPACE_DEFAULT));
    }

    @Test
    void without_any_rule_every_connected_crm_is_a_target() {
        assertThat(RoutingRules.NONE.select(AgentAction.CHANGE_STATUS, List.of(), Optional.empty()))
                .isEqualTo(new RoutingRules.Selection(List.of(), RoutingRules.Rule.EVERY_CONNECTED));
    }

    @Test
    void empty_rules_are_no_rules() {
        RoutingRules empty = new RoutingRules(Map.of(AgentAction.UPSERT_LEAD, List.of()), Map.of("a", List.of()),
                List.of());
        assertThat(empty).isEqualTo(RoutingRules.NONE);
    }
}
