package io.leadsync.sandbox.hubspot;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contact-company associations, both directions (HubSpot's 279 and 280), found by either end without reading every
 * pair: an association read for 1,000 new contacts used to scan all pairs per contact. Not thread-safe: the store's
 * lock guards it.
 */
final class Associations {

    private final Map<Long, Set<Long>> companiesOf = new HashMap<>();
    private final Map<Long, Set<Long>> contactsOf = new HashMap<>();

    void clear() {
        companiesOf.clear();
        contactsOf.clear();
    }

    void add(long contactId, long companyId) {
        companiesOf.computeIfAbsent(contactId, id -> new LinkedHashSet<>()).add(companyId);
        contactsOf.computeIfAbsent(companyId, id -> new LinkedHashSet<>()).add(contactId);
    }

    boolean remove(long contactId, long companyId) {
        boolean removed = detach(companiesOf, contactId, companyId);
        detach(contactsOf, companyId, contactId);
        return removed;
    }

    /** Every pair that has {@code contactId} as its contact. */
    void removeContact(long contactId) {
        for (Long company : companiesOf.getOrDefault(contactId, Set.of())) {
            detach(contactsOf, company, contactId);
        }
        companiesOf.remove(contactId);
    }

    /** Every pair that has {@code companyId} as its company. */
    void removeCompany(long companyId) {
        for (Long contact : contactsOf.getOrDefault(companyId, Set.of())) {
            detach(companiesOf, contact, companyId);
        }
        contactsOf.remove(companyId);
    }

    /** In the order they were associated. */
    List<Long> companiesOf(long contactId) {
        return List.copyOf(companiesOf.getOrDefault(contactId, Set.of()));
    }

    List<Long> contactsOf(long companyId) {
        return List.copyOf(contactsOf.getOrDefault(companyId, Set.of()));
    }

    private static boolean detach(Map<Long, Set<Long>> from, long key, long value) {
        Set<Long> values = from.get(key);
        if (values == null || !values.remove(value)) {
            return false;
        }
        if (values.isEmpty()) {
            from.remove(key);
        }
        return true;
    }
}
