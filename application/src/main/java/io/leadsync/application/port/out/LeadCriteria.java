package io.leadsync.application.port.out;

import io.leadsync.domain.lead.AgentId;
import io.leadsync.domain.lead.LeadStatus;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which leads of one workspace to list, newest change first (ties by lead id), one page at a time.
 *
 * @param updatedSince only leads changed at or after this instant
 */
public record LeadCriteria(WorkspaceId workspaceId, Optional<LeadStatus> status, Optional<AgentId> agentId,
                           Optional<Instant> updatedSince, int offset, int limit) {
    public LeadCriteria {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(updatedSince, "updatedSince");
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
    }
}
