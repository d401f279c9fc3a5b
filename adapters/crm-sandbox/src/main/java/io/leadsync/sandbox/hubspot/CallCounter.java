package io.leadsync.sandbox.hubspot;

import java.util.Map;
import java.util.TreeMap;

/** Calls per endpoint template (e.g. {@code PATCH /crm/v3/objects/contacts/{id}}), so tests can prove caching. */
final class CallCounter {

    private final Map<String, Long> counts = new TreeMap<>();

    synchronized void count(String endpoint) {
        counts.merge(endpoint, 1L, Long::sum);
    }

    synchronized Map<String, Long> snapshot() {
        return new TreeMap<>(counts);
    }

    synchronized void reset() {
        counts.clear();
    }
}
