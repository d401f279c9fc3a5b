package io.leadsync.application.port.in.delivery;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Try a connection's failed and skipped deliveries again: those of {@code leadIds}, or those of {@code errorType}, or
 * (neither given) all of them.
 */
public record ResyncCommand(WorkspaceId workspaceId, ConnectionId connectionId, String actor,
                            Optional<Set<LeadId>> leadIds, Optional<String> errorType) {
    public ResyncCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(actor, "actor");
        leadIds = Objects.requireNonNull(leadIds, "leadIds").map(Set::copyOf);
        Objects.requireNonNull(errorType, "errorType");
        if (leadIds.isPresent() && errorType.isPresent()) {
            throw new IllegalArgumentException("resync either some leads or one error type, not both");
        }
    }
}
