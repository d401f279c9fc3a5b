package io.leadsync.application.port.out;

import io.leadsync.domain.sync.SyncEvent;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One audited operation: who or what did it, what it was, on which lead, a plain-text detail and, for what is typed,
 * the {@link SyncEvent} itself, which pages render without parsing the detail (ADR 0063). Never holds a secret.
 */
public record AuditEntry(UUID id, WorkspaceId workspaceId, Instant occurredAt, String actor, String action,
                         Optional<String> leadId, Optional<UUID> connectionId, String detail,
                         Optional<SyncEvent> event) {
    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(event, "event");
    }

    /**
     * A prose entry: what is not (yet) a typed event (user and alert operations, and call sites written before the
     * events). Pages show its detail as written.
     */
    public AuditEntry(UUID id, WorkspaceId workspaceId, Instant occurredAt, String actor, String action,
                      Optional<String> leadId, Optional<UUID> connectionId, String detail) {
        this(id, workspaceId, occurredAt, actor, action, leadId, connectionId, detail, Optional.empty());
    }

    /** A typed entry: its action and detail come from the event. */
    public static AuditEntry of(UUID id, WorkspaceId workspaceId, Instant occurredAt, String actor,
                                Optional<String> leadId, Optional<UUID> connectionId, SyncEvent event) {
        return new AuditEntry(id, workspaceId, occurredAt, actor, event.action(), leadId, connectionId,
                event.summary(), Optional.of(event));
    }
}
