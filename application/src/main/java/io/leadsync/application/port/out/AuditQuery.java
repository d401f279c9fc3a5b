package io.leadsync.application.port.out;

import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Which audit entries of one workspace to read, newest first: by connection, lead, time range and action prefix
 * (an outcome, such as {@code lead.delivery-failed}, or a family, such as {@code sync.}).
 */
public record AuditQuery(WorkspaceId workspaceId, Optional<UUID> connectionId, Optional<String> leadId,
                         Optional<Instant> since, Optional<Instant> until, Optional<String> actionPrefix, int limit) {
    public AuditQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(actionPrefix, "actionPrefix");
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1000");
        }
    }

    public boolean matches(AuditEntry entry) {
        return entry.workspaceId().equals(workspaceId)
                && connectionId.map(id -> entry.connectionId().equals(Optional.of(id))).orElse(true)
                && leadId.map(id -> entry.leadId().equals(Optional.of(id))).orElse(true)
                && since.map(at -> !entry.occurredAt().isBefore(at)).orElse(true)
                && until.map(at -> entry.occurredAt().isBefore(at)).orElse(true)
                && actionPrefix.map(prefix -> entry.action().startsWith(prefix)).orElse(true);
    }
}
