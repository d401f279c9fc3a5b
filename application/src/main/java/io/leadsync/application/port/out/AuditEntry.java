package io.leadsync.application.port.out;

import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One audited operation: who or what did it, what it was, on which lead, and a human-readable detail. Never holds a
 * secret.
 */
public record AuditEntry(UUID id, WorkspaceId workspaceId, Instant occurredAt, String actor, String action,
                         Optional<String> leadId, Optional<UUID> connectionId, String detail) {
    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(detail, "detail");
    }
}
