package io.leadsync.application.port.in.capture;

import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent may target: each connection of the workspace with why it cannot take an agent action (disconnected,
 * pull only, a kind that takes no leads) or nothing when it can, and the routing rules that choose targets when the
 * agent names none. The same check as the actions' own (so what is offered is what an action accepts).
 */
public interface ListAgentTargetsUseCase {
    record Candidate(CrmConnection connection, Optional<String> notATargetBecause) {
        public Candidate {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(notATargetBecause, "notATargetBecause");
        }
    }

    record AgentTargets(List<Candidate> connections, RoutingRules routing) {
        public AgentTargets {
            connections = List.copyOf(connections);
            Objects.requireNonNull(routing, "routing");
        }
    }

    AgentTargets targets(WorkspaceId workspaceId);
}
