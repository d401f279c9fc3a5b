package io.leadsync.sandbox.salesforce;

import java.util.HashMap;
import java.util.Map;

/** The org's id counters, one per key prefix: every record, user and setup row gets the next id of its prefix. */
final class IdSequence {

    private final Map<String, Long> counters = new HashMap<>();

    synchronized String next(String prefix) {
        long next = counters.merge(prefix, 1L, Long::sum);
        return SalesforceIds.id(prefix, next);
    }

    synchronized void reset() {
        counters.clear();
    }
}
