package io.leadsync.domain.sync;

import io.leadsync.domain.lead.LeadField;

import java.util.Objects;
import java.util.Optional;

/**
 * One field of a pulled record: LeadSync's value before and the value it holds or owes after, which way it flowed and,
 * when both sides had changed it, the rule that decided.
 */
public record PulledField(LeadField field, Optional<String> before, Optional<String> after, Flow flow,
                          Optional<ConflictResolution> conflict) {
    public PulledField {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(conflict, "conflict");
    }

    /** What became of the field. */
    public enum Flow {
        /** The CRM's value went into the lead. */
        TAKEN,
        /** LeadSync's value is owed to the CRM (changed in LeadSync, or the rule kept LeadSync's side). */
        OWED_TO_CRM,
        /** A change from LeadSync that the field's direction does not let flow. */
        HELD_FROM_APP,
        /** A change from the CRM that the field's direction does not let flow. */
        HELD_FROM_CRM
    }

    /** The field's line in a pull, from the merge's decision; empty when the decision moved nothing. */
    public static Optional<PulledField> of(LeadField field, Optional<String> before, SyncDecision decision) {
        if (decision instanceof SyncDecision.Take take) {
            return Optional.of(new PulledField(field, before, take.value(), Flow.TAKEN, take.conflict()));
        }
        if (decision instanceof SyncDecision.Push push) {
            return Optional.of(new PulledField(field, before, push.value(), Flow.OWED_TO_CRM, push.conflict()));
        }
        if (decision instanceof SyncDecision.Hold hold) {
            return Optional.of(new PulledField(field, before, before, hold.heldFrom() == Side.APP ? Flow.HELD_FROM_APP
                    : Flow.HELD_FROM_CRM, hold.conflict()));
        }
        return Optional.empty();
    }
}
