package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live records of an object by the value of an external id or unique field, as Salesforce indexes them: an upsert
 * finds its record and a save checks its unique fields without reading the whole table (issue 15's bench: a scan per
 * record made a 10,000-lead backlog quadratic). Built on a field's first lookup, brought up to date once per request
 * and after each save of the request (see {@link MatchKeyIndex}); outside a request at every lookup.
 */
final class FieldValueIndexes {

    private final Map<String, MatchKeyIndex> indexes = new HashMap<>();

    /** The live rows whose {@code key} field holds {@code value} (case-blind unless the field is case-sensitive). */
    List<ObjectNode> rowsWith(String object, FieldDefinition key, String value, Map<String, ObjectNode> table) {
        String name = object + "." + key.name();
        MatchKeyIndex index = indexes.computeIfAbsent(name, n -> new MatchKeyIndex(List.of(key.name(), "IsDeleted"),
                row -> row.path("IsDeleted").asBoolean() || !row.hasNonNull(key.name()) ? List.of()
                        : List.of(RecordStore.normaliseKey(key, row.get(key.name()).asText()))));
        Set<String> refreshed = DuplicateRuleHeader.current().refreshed();
        if (refreshed == null || refreshed.add("value:" + name)) {
            index.refresh(table);
        }
        String wanted = RecordStore.normaliseKey(key, value);
        // Checked again: a row deleted or changed in place since this request's refresh (a delete, a merge) is no match.
        return index.rowsUnder(List.of(wanted)).stream()
                .filter(row -> !row.path("IsDeleted").asBoolean() && row.hasNonNull(key.name())
                        && RecordStore.normaliseKey(key, row.get(key.name()).asText()).equals(wanted))
                .sorted(Comparator.comparing((ObjectNode row) -> row.get("Id").textValue()))
                .toList();
    }

    /** A row just saved: the indexes of its object see its new values at the next lookup of the same request. */
    void saved(String object, ObjectNode row) {
        String prefix = object + ".";
        indexes.forEach((name, index) -> {
            if (name.startsWith(prefix)) {
                index.refreshRow(row);
            }
        });
    }

    /** A reset org: nothing indexed holds. */
    void clear() {
        indexes.clear();
    }
}
