package io.leadsync.sandbox.hubspot;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One object type's live records by the value of a unique property (contact email, the parts of
 * {@code hs_additional_emails}, hasUniqueValue properties), as HubSpot indexes them: an upsert by email or by a unique
 * property finds its record without reading every record (issue 15's bench: a scan per record made a 10,000-lead
 * backlog quadratic). A property's index is built on its first lookup; {@link CrmStore} tells it of every write
 * after that, under its lock.
 */
final class UniqueIndex {

    /** Property, then stored value, then the ids holding it (the lowest first, as a scan in id order found it). */
    private final Map<String, Map<String, NavigableSet<Long>>> byProperty = new HashMap<>();

    /** The lowest live id holding {@code value} in {@code property}. */
    Optional<Long> first(String property, String value, Collection<CrmStore.StoredObject> records) {
        Map<String, NavigableSet<Long>> index = byProperty.get(property);
        if (index == null) {
            index = new HashMap<>();
            byProperty.put(property, index);
            for (CrmStore.StoredObject record : records) {
                add(property, index, record);
            }
        }
        NavigableSet<Long> ids = index.get(value);
        return ids == null || ids.isEmpty() ? Optional.empty() : Optional.of(ids.first());
    }

    /** After a record is created or changed, and is live. */
    void added(CrmStore.StoredObject record) {
        if (record.archived()) {
            return;
        }
        byProperty.forEach((property, index) -> add(property, index, record));
    }

    /** Before a record changes, and when it is archived or removed. */
    void removed(CrmStore.StoredObject record) {
        byProperty.forEach((property, index) -> {
            for (String value : valuesOf(property, record.values.get(property))) {
                NavigableSet<Long> ids = index.get(value);
                if (ids != null) {
                    ids.remove(record.id);
                    if (ids.isEmpty()) {
                        index.remove(value);
                    }
                }
            }
        });
    }

    /** An archived property: its values left every record. */
    void dropProperty(String property) {
        byProperty.remove(property);
    }

    private static void add(String property, Map<String, NavigableSet<Long>> index, CrmStore.StoredObject record) {
        if (record.archived()) {
            return;
        }
        for (String value : valuesOf(property, record.values.get(property))) {
            index.computeIfAbsent(value, v -> new TreeSet<>()).add(record.id);
        }
    }

    private static List<String> valuesOf(String property, String raw) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        return property.equals("hs_additional_emails") ? List.of(raw.split(";")) : List.of(raw);
    }
}
