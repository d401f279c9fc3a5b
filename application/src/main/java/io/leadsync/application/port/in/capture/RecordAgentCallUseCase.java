package io.leadsync.application.port.in.capture;

import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;

/**
 * Records an agent's tool call in the audit, so an admin reading a lead's History sees which agent did what through
 * which channel (the MCP server), beside the pushes it caused.
 */
public interface RecordAgentCallUseCase {
    /**
     * One call. {@code channel}: how the agent called ({@code mcp}); {@code operation}: what it asked
     * ({@code capture_lead}); {@code agentId}: the lead's agent after the call; {@code outcome}: what happened, in a
     * line an admin reads.
     */
    record AgentCall(WorkspaceId workspaceId, String actor, String channel, String operation, Optional<LeadId> leadId,
                     Optional<String> agentId, String outcome) {
        public AgentCall {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(leadId, "leadId");
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    void record(AgentCall call);
}
