package io.leadsync.application.port.in.capture;

import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.Lead;

import java.util.List;
import java.util.Objects;

/** A lead after a write, whether the write created it, and which fields changed (none when nothing did). */
public record LeadOutcome(Lead lead, boolean created, List<FieldChange> changes) {
    public LeadOutcome {
        Objects.requireNonNull(lead, "lead");
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
