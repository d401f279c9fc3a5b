package io.leadsync.application.port.in.capture;

import io.leadsync.domain.lead.ActivityType;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An agent logs an email, call or meeting on a lead; {@code occurredAt} empty: now. {@code targets}: the connection
 * ids the request named (empty: the routing rules decide, ADR 0020).
 */
public record LogActivityCommand(WorkspaceId workspaceId, LeadId leadId, ActivityType type, String subject,
                                 Optional<String> body, Optional<Instant> occurredAt, String actor,
                                 java.util.List<String> targets) {
    public LogActivityCommand(WorkspaceId workspaceId, LeadId leadId, ActivityType type, String subject,
                              Optional<String> body, Optional<Instant> occurredAt, String actor) {
        this(workspaceId, leadId, type, subject, body, occurredAt, actor, java.util.List.of());
    }

    public LogActivityCommand {
        targets = java.util.List.copyOf(targets);
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
    }
}
