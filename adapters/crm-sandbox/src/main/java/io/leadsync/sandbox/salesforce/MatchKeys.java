package io.leadsync.sandbox.salesforce;

import java.util.List;

/** A record as a standard matching rule sees it: the keys that narrow the candidates, and the matching equation. */
sealed interface MatchKeys permits StandardMatchingRule, StandardAccountMatchingRule {
    /** The keys a stored record is found under. */
    List<String> indexKeys();

    /** The keys under which this record's possible matches are found: any match is under one of them. */
    List<String> lookupKeys();

    /** Whether the rule's matching equation holds between the two (of the same kind). */
    boolean matches(MatchKeys other);
}
