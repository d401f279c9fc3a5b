package io.leadsync.domain.sync;

import io.leadsync.domain.lead.LeadField;

import java.util.Objects;
import java.util.Optional;

/**
 * One field of a record as a sync event carries it: the value before and after (empty: no value). A diff whose two
 * sides are equal says nothing ("(empty) -> (empty)" on a newly created record), so {@link #changed()} lets readers
 * leave it out.
 */
public record FieldDiff(LeadField field, Optional<String> before, Optional<String> after) {
    public FieldDiff {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    public boolean changed() {
        return !before.equals(after);
    }
}
