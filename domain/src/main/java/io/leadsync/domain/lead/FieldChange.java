package io.leadsync.domain.lead;

import java.util.Objects;
import java.util.Optional;

/** One field's value before and after a change, in canonical text; empty means no value. */
public record FieldChange(LeadField field, Optional<String> before, Optional<String> after) {
    public FieldChange {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.equals(after)) {
            throw new IllegalArgumentException("a change of " + field + " must change its value");
        }
    }
}
