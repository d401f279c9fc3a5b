package io.leadsync.domain.sync;

import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One committed change set of one lead: what the outbox carries to the connected CRMs. {@code leadVersion} is the
 * lead's version after the change, so consumers can order and de-duplicate.
 */
public record LeadChanged(UUID id, WorkspaceId workspaceId, LeadId leadId, long leadVersion, boolean created,
                          List<FieldChange> changes, ChangeSource source, Instant occurredAt) {
    public LeadChanged {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(occurredAt, "occurredAt");
        changes = List.copyOf(changes);
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a lead change changes at least one field");
        }
    }
}
