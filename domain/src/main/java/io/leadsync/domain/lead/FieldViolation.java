package io.leadsync.domain.lead;

import java.util.Objects;

/**
 * One broken rule on one field, in words an agent developer can act on: {@code field} is the field's API name
 * (for example {@code workEmail}), {@code rule} says what the value must be.
 */
public record FieldViolation(String field, String rule) {
    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
    }
}
