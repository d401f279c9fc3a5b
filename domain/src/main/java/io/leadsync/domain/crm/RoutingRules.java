package io.leadsync.domain.crm;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A workspace's rules for where agent actions go when the request does not say: a rule per action kind (leads to
 * Salesforce, activities to HubSpot), a default per agent, and the workspace's default CRM(s). An empty list is no
 * rule. What applies is decided by {@link #select}, in a fixed order.
 */
public record RoutingRules(Map<AgentAction, List<ConnectionId>> byAction, Map<String, List<ConnectionId>> byAgent,
                           List<ConnectionId> defaults) {
    /** Which rule chose the targets, in the order they are tried. */
    public enum Rule {
        /** The request named its targets. */
        REQUEST,
        /** The workspace's rule for the action's kind. */
        ACTION_RULE,
        /** The default targets of the agent the lead belongs to. */
        AGENT_DEFAULT,
        /** The workspace's default CRM. */
        WORKSPACE_DEFAULT,
        /** No rule: every connected CRM that takes pushes. */
        EVERY_CONNECTED
    }

    /** The chosen targets (empty for {@link Rule#EVERY_CONNECTED}) and the rule that chose them. */
    public record Selection(List<ConnectionId> targets, Rule rule) {
        public Selection {
            targets = List.copyOf(new LinkedHashSet<>(targets));
            Objects.requireNonNull(rule, "rule");
        }
    }

    public static final RoutingRules NONE = new RoutingRules(Map.of(), Map.of(), List.of());

    public RoutingRules {
        EnumMap<AgentAction, List<ConnectionId>> actions = new EnumMap<>(AgentAction.class);
        byAction.forEach((action, targets) -> {
            if (!targets.isEmpty()) {
                actions.put(action, List.copyOf(new LinkedHashSet<>(targets)));
            }
        });
        byAction = java.util.Collections.unmodifiableMap(actions);
        Map<String, List<ConnectionId>> agents = new LinkedHashMap<>();
        byAgent.forEach((agent, targets) -> {
            if (!targets.isEmpty()) {
                agents.put(Objects.requireNonNull(agent, "agent"), List.copyOf(new LinkedHashSet<>(targets)));
            }
        });
        byAgent = java.util.Collections.unmodifiableMap(agents);
        defaults = List.copyOf(new LinkedHashSet<>(defaults));
    }

    /**
     * The targets of one action: the request's own if it named any; else the workspace's rule for the action; else the
     * agent's default; else the workspace's default CRM; else every connected CRM.
     */
    public Selection select(AgentAction action, List<ConnectionId> requested, Optional<String> agentId) {
        if (!requested.isEmpty()) {
            return new Selection(requested, Rule.REQUEST);
        }
        if (byAction.containsKey(action)) {
            return new Selection(byAction.get(action), Rule.ACTION_RULE);
        }
        Optional<List<ConnectionId>> agentDefault = agentId.map(byAgent::get);
        if (agentDefault.isPresent()) {
            return new Selection(agentDefault.get(), Rule.AGENT_DEFAULT);
        }
        if (!defaults.isEmpty()) {
            return new Selection(defaults, Rule.WORKSPACE_DEFAULT);
        }
        return new Selection(List.of(), Rule.EVERY_CONNECTED);
    }

    /** Every connection any rule names, for checking them all when the rules are set. */
    public Set<ConnectionId> named() {
        Set<ConnectionId> all = new LinkedHashSet<>();
        byAction.values().forEach(all::addAll);
        byAgent.values().forEach(all::addAll);
        all.addAll(defaults);
        return all;
    }
}
