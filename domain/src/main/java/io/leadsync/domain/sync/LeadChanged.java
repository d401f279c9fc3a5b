package io.leadsync.domain.sync;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One committed change set of one lead: what the outbox carries to the connected CRMs. {@code leadVersion} is the
 * lead's version after the change, so consumers can order and de-duplicate. {@code targets}: the connections an agent
 * action chose for the change (ADR 0020); empty means every connection that takes pushes, as for a CRM's change.
 */
public record LeadChanged(UUID id, WorkspaceId workspaceId, LeadId leadId, long leadVersion, boolean created,
                          List<FieldChange> changes, ChangeSource source, Instant occurredAt,
                          Optional<Set<ConnectionId>> targets) {
    public LeadChanged(UUID id, WorkspaceId workspaceId, LeadId leadId, long leadVersion, boolean created,
                       List<FieldChange> changes, ChangeSource source, Instant occurredAt) {
        this(id, workspaceId, leadId, leadVersion, created, changes, source, occurredAt, Optional.empty());
    }

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
        targets = Objects.requireNonNull(targets, "targets").map(chosen -> Set.copyOf(new LinkedHashSet<>(chosen)));
        if (targets.isPresent() && targets.get().isEmpty()) {
            throw new IllegalArgumentException("a change with chosen targets names at least one");
        }
    }

    /** Whether the change goes to {@code connection}: a chosen target, or any but the CRM it came from. */
    public boolean goesTo(ConnectionId connection) {
        return source.mayPushTo(connection) && targets.map(chosen -> chosen.contains(connection)).orElse(true);
    }
}
