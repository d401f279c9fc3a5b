package io.leadsync.sandbox.salesforce;

import java.util.List;

/** A record as a standard matching rule sees it: the keys that narrow the candidates, and the matching equation. */
sealed interface MatchKeys permits StandardMatchingRule, StandardAccountMatchingRule {
    /** Index keys: two records can only match when they share one. */
    List<String> keys();

    /** Whether the rule's matching equation holds between the two (of the same kind). */
    boolean matches(MatchKeys other);
}
