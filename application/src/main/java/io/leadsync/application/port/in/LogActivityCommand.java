package io.leadsync.application.port.in;

import io.leadsync.domain.lead.ActivityType;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An agent logs an email, call or meeting on a lead; {@code occurredAt} empty: now. */
public record LogActivityCommand(WorkspaceId workspaceId, LeadId leadId, ActivityType type, String subject,
                                 Optional<String> body, Optional<Instant> occurredAt, String actor) {
    public LogActivityCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
    }
}
