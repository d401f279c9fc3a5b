package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One table's rows by their match keys (e-mail, last name, account name), kept across requests, as Salesforce's
 * own matching keys are indexed. Building it per request made a one-record-per-call client quadratic: 10,000
 * single upserts into an org of 20,000 Leads each computed the matching keys of every Lead (issue 15's bench).
 *
 * <p>Rows are changed in place by many write paths (saves, conversions, merges, the rep's edits), so the index is
 * brought up to date by a scan that recomputes only the rows whose key fields changed: a field written anew holds a
 * new JSON node, so comparing the nodes by identity finds them without reading their text. The scan is a few
 * lookups per row; only the rows it finds changed pay for the matching rule's normalisation. Not thread-safe: the
 * org's lock serialises every write and check.
 */
final class MatchKeyIndex {

    /** A row as last indexed: the key fields' nodes then, and the keys they gave. */
    private record Entry(JsonNode[] sources, List<String> keys) {
    }

    private final List<String> keyFields;
    private final Function<ObjectNode, List<String>> keysOf;
    private Map<String, ObjectNode> table;
    private final Map<ObjectNode, Entry> entries = new IdentityHashMap<>();
    private final Map<String, Set<ObjectNode>> rowsByKey = new HashMap<>();

    /** {@code keyFields}: every field {@code keysOf} reads, so that a change to one of them is seen. */
    MatchKeyIndex(List<String> keyFields, Function<ObjectNode, List<String>> keysOf) {
        this.keyFields = List.copyOf(keyFields);
        this.keysOf = keysOf;
    }

    /** Brings the index up to date with {@code current} (the table, live): new, changed and removed rows. */
    void refresh(Map<String, ObjectNode> current) {
        if (current != table) {
            // A new table (a reset, or allOrNone putting a snapshot back): nothing indexed holds.
            table = current;
            entries.clear();
            rowsByKey.clear();
        }
        for (ObjectNode row : current.values()) {
            bringUpToDate(row);
        }
        if (entries.size() > current.size()) {
            // Rows purged from the table: drop them (rare: the recycle bin's purge).
            Set<ObjectNode> live = Collections.newSetFromMap(new IdentityHashMap<>());
            live.addAll(current.values());
            new ArrayList<>(entries.keySet()).stream().filter(row -> !live.contains(row))
                    .forEach(row -> unindex(row, entries.get(row)));
        }
    }

    /** Brings one row up to date: a row just saved, seen by the next lookup of the same request. */
    void refreshRow(ObjectNode row) {
        if (table != null) {
            bringUpToDate(row);
        }
    }

    private void bringUpToDate(ObjectNode row) {
        Entry entry = entries.get(row);
        if (entry == null || changed(entry, row)) {
            if (entry != null) {
                unindex(row, entry);
            }
            index(row);
        }
    }

    /** The indexed rows under any of {@code keys}, each once, in no particular order. */
    List<ObjectNode> rowsUnder(List<String> keys) {
        List<ObjectNode> rows = new ArrayList<>();
        // A row may be under two keys; rows compare by identity (their JSON equality would hash every field).
        Set<ObjectNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (String key : keys) {
            for (ObjectNode row : rowsByKey.getOrDefault(key, Set.of())) {
                if (seen.add(row)) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private boolean changed(Entry entry, ObjectNode row) {
        for (int i = 0; i < keyFields.size(); i++) {
            if (row.get(keyFields.get(i)) != entry.sources()[i]) {
                return true;
            }
        }
        return false;
    }

    private void index(ObjectNode row) {
        JsonNode[] sources = new JsonNode[keyFields.size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = row.get(keyFields.get(i));
        }
        List<String> keys = keysOf.apply(row);
        entries.put(row, new Entry(sources, keys));
        for (String key : keys) {
            rowsByKey.computeIfAbsent(key, k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(row);
        }
    }

    private void unindex(ObjectNode row, Entry entry) {
        entries.remove(row);
        for (String key : entry.keys()) {
            Set<ObjectNode> rows = rowsByKey.get(key);
            if (rows != null) {
                rows.remove(row);
                if (rows.isEmpty()) {
                    rowsByKey.remove(key);
                }
            }
        }
    }
}
