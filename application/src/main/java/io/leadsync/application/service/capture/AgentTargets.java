package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.InvalidTargetsException;
import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.RoutingRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Target selection for every agent action (ADR 0020): the request's connection ids, read and checked, then the
 * workspace's rules in their order; any unusable connection refuses the action, named with where it came from.
 */
final class AgentTargets {
    private AgentTargets() {
    }

    static RoutingRules.Selection select(RoutingRules rules, AgentAction action, List<String> requestedIds,
                                         Optional<String> agentId, Map<ConnectionId, CrmConnection> known,
                                         TargetCheck check) {
        List<InvalidTargetsException.Violation> violations = new ArrayList<>();
        List<ConnectionId> requested = new ArrayList<>();
        for (int i = 0; i < requestedIds.size(); i++) {
            String target = requestedIds.get(i);
            try {
                requested.add(new ConnectionId(UUID.fromString(target)));
            } catch (IllegalArgumentException e) {
                violations.add(new InvalidTargetsException.Violation("targets/" + i, target,
                        "is not a connection id (a UUID from GET /api/admin/v1/connections)"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidTargetsException("A target is not a connection of this workspace; nothing was written.",
                    violations);
        }
        RoutingRules.Selection selection = rules.select(action, requested, agentId);
        String path = switch (selection.rule()) {
            case REQUEST -> "targets";
            case ACTION_RULE -> "routing/actions/" + action.apiName();
            case AGENT_DEFAULT -> "routing/agents/" + agentId.orElseThrow();
            case WORKSPACE_DEFAULT -> "routing/defaultTargets";
            case EVERY_CONNECTED -> "";
        };
        check.check(path, selection.rule() == RoutingRules.Rule.REQUEST ? requested : selection.targets(), known,
                violations);
        if (!violations.isEmpty()) {
            throw new InvalidTargetsException(selection.rule() == RoutingRules.Rule.REQUEST
                    ? "A target cannot take this action; nothing was written."
                    : "The workspace's routing rule names a connection that cannot take this action; nothing was "
                    + "written. An admin changes the rule at /api/admin/v1/routing.", violations);
        }
        return selection;
    }
}
