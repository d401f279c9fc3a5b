package io.leadsync.sandbox.salesforce.soql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A parsed query. {@code fields} is empty when {@code count} is true ({@code SELECT COUNT()}).
 * Field and object names keep the spelling used in the query.
 */
public record SoqlQuery(List<String> fields, boolean count, String objectName, Optional<Condition> where,
                        List<Ordering> orderBy, OptionalInt limit, OptionalInt offset) {

    public SoqlQuery {
        fields = List.copyOf(fields);
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(where, "where");
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(offset, "offset");
    }

    /**
     * True if the record matches WHERE; values come from fieldValue (field names as written in the query;
     * lookups are case-insensitive on the caller side).
     *
     * @throws SoqlException INVALID_FIELD when a value's type does not fit its literal
     */
    public boolean matches(Function<String, Object> fieldValue) {
        return where.map(condition -> condition.test(fieldValue)).orElse(true);
    }

    /** Comparator implementing ORDER BY (Salesforce default: ASC NULLS FIRST, DESC NULLS LAST). */
    public <R> Comparator<R> ordering(BiFunction<R, String, Object> fieldValue) {
        Objects.requireNonNull(fieldValue, "fieldValue");
        List<Ordering> keys = orderBy;
        return (left, right) -> {
            for (Ordering key : keys) {
                int result = compareKey(key, Values.normalize(fieldValue.apply(left, key.field())),
                        Values.normalize(fieldValue.apply(right, key.field())));
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        };
    }

    private static int compareKey(Ordering key, Object a, Object b) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            // Null placement is independent of direction, so it is applied after (not through) the reversal.
            return (a == null) == key.nullsFirst() ? -1 : 1;
        }
        int result = Values.compareValues(key.field(), a, b);
        return key.ascending() ? result : -result;
    }

    /**
     * Every field name the query references (SELECT, WHERE, ORDER BY), in order of first appearance,
     * deduplicated ignoring case, for the caller to validate against describe/FLS.
     */
    public Set<String> referencedFields() {
        Map<String, String> byLowerName = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(fields);
        where.ifPresent(condition -> collect(condition, all));
        orderBy.forEach(ordering -> all.add(ordering.field()));
        for (String field : all) {
            byLowerName.putIfAbsent(field.toLowerCase(Locale.ROOT), field);
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(byLowerName.values()));
    }

    private static void collect(Condition condition, List<String> into) {
        // Pattern-matching switch is still a preview feature on Java 17, hence the instanceof chain.
        if (condition instanceof Condition.And and) {
            and.operands().forEach(operand -> collect(operand, into));
        } else if (condition instanceof Condition.Or or) {
            or.operands().forEach(operand -> collect(operand, into));
        } else if (condition instanceof Condition.Not not) {
            collect(not.operand(), into);
        } else if (condition instanceof Condition.Comparison comparison) {
            into.add(comparison.field());
        } else if (condition instanceof Condition.In in) {
            into.add(in.field());
        } else if (condition instanceof Condition.Like like) {
            into.add(like.field());
        }
    }
}
