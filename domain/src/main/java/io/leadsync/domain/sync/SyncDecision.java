package io.leadsync.domain.sync;

import java.util.Objects;
import java.util.Optional;

/**
 * What to do with one mapped field of one lead in one connection. An empty value means "no value": clearing a field
 * is a change like any other.
 */
public sealed interface SyncDecision {

    /** The value both sides hold once this decision is carried out; becomes the field's merge base. */
    Optional<String> settledValue(Optional<String> currentBase);

    /** Nothing to send either way: both sides hold {@code value} (unchanged, or changed alike on both sides). */
    record Keep(Optional<String> value) implements SyncDecision {
        public Keep {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Optional<String> settledValue(Optional<String> currentBase) {
            return value;
        }
    }

    /** Write the app's value to the CRM. */
    record Push(Optional<String> value, Optional<ConflictResolution> conflict) implements SyncDecision {
        public Push {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(conflict, "conflict");
        }

        @Override
        public Optional<String> settledValue(Optional<String> currentBase) {
            return value;
        }
    }

    /** Write the CRM's value into the lead. */
    record Take(Optional<String> value, Optional<ConflictResolution> conflict) implements SyncDecision {
        public Take {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(conflict, "conflict");
        }

        @Override
        public Optional<String> settledValue(Optional<String> currentBase) {
            return value;
        }
    }

    /**
     * A change that the field's direction does not let flow: an app edit on a pull-only field, a CRM edit on a
     * push-only one, or a conflict won by the side that may not write. {@code heldFrom} is the side it came from. Both sides keep their values and the base
     * stays, so the field is weighed again on the next sync rather than silently forgotten.
     */
    record Hold(Side heldFrom, Optional<ConflictResolution> conflict) implements SyncDecision {
        public Hold {
            Objects.requireNonNull(heldFrom, "heldFrom");
            Objects.requireNonNull(conflict, "conflict");
        }

        @Override
        public Optional<String> settledValue(Optional<String> currentBase) {
            return currentBase;
        }
    }
}
