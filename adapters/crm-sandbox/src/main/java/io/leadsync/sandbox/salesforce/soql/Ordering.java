package io.leadsync.sandbox.salesforce.soql;

import java.util.Objects;

/** One ORDER BY key. */
public record Ordering(String field, boolean ascending, boolean nullsFirst) {

    public Ordering {
        Objects.requireNonNull(field, "field");
    }

    /** Salesforce puts nulls first when ascending and last when descending unless NULLS is given. */
    public static Ordering withDefaultNulls(String field, boolean ascending) {
        return new Ordering(field, ascending, ascending);
    }
}
