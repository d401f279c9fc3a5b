package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.AgentRoutingRepository;
import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.RoutingRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link AgentRoutingRepository} must do: the fake the service tests use and the PostgreSQL table alike. */
public abstract class AgentRoutingRepositoryContract {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString(
            "00000000-0000-0000-0000-0000000000c1"));
    private static final ConnectionId HUBSPOT = new ConnectionId(UUID.fromString(
            "00000000-0000-0000-0000-0000000000c2"));
    private AgentRoutingRepository routing;

    /** An empty repository in which the two fixture workspaces exist. */
    protected abstract AgentRoutingRepository emptyRepository();

    @BeforeEach
    void setUp() {
        routing = emptyRepository();
    }

    @Test
    void a_workspace_without_rules_has_none() {
        assertThat(routing.find(WORKSPACE)).isEqualTo(RoutingRules.NONE);
    }

    @Test
    void rules_come_back_as_set_with_their_targets_in_order_and_only_for_their_workspace() {
        RoutingRules rules = new RoutingRules(Map.of(AgentAction.CHANGE_STATUS, List.of(HUBSPOT, SALESFORCE)),
                Map.of("agent-7", List.of(SALESFORCE)), List.of(HUBSPOT));
        routing.replace(WORKSPACE, rules);

        assertThat(routing.find(WORKSPACE)).isEqualTo(rules);
        assertThat(routing.find(WORKSPACE).byAction().get(AgentAction.CHANGE_STATUS)).containsExactly(HUBSPOT,
                SALESFORCE);
        assertThat(routing.find(OTHER_WORKSPACE)).isEqualTo(RoutingRules.NONE);
    }

    @Test
    void replacing_the_rules_drops_every_rule_the_new_set_does_not_have() {
        routing.replace(WORKSPACE, new RoutingRules(Map.of(AgentAction.LOG_ACTIVITY, List.of(SALESFORCE)),
                Map.of("agent-1", List.of(HUBSPOT)), List.of(SALESFORCE)));
        RoutingRules narrower = new RoutingRules(Map.of(), Map.of("agent-2", List.of(SALESFORCE)), List.of());

        routing.replace(WORKSPACE, narrower);

        assertThat(routing.find(WORKSPACE)).isEqualTo(narrower);
        routing.replace(WORKSPACE, RoutingRules.NONE);
        assertThat(routing.find(WORKSPACE)).isEqualTo(RoutingRules.NONE);
    }
}
