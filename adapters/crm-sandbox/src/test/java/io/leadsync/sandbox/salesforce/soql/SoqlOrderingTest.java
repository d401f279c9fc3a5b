package io.leadsync.sandbox.salesforce.soql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoqlOrderingTest {

    private static Map<String, Object> row(String id, Object rating, Object amount) {
        // Field names in a query may differ in case from the stored ones; the caller's lookup ignores case.
        Map<String, Object> row = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        row.put("Id", id);
        row.put("Rating", rating);
        row.put("Amount", amount);
        return row;
    }

    private static final List<Map<String, Object>> ROWS = List.of(
            row("1", "warm", new BigDecimal("5")),
            row("2", null, new BigDecimal("7")),
            row("3", "Hot", null),
            row("4", "cold", new BigDecimal("5")),
            row("5", "hot", new BigDecimal("9")),
            row("6", null, null));

    private static List<String> sortedIds(String orderBy) {
        SoqlQuery query = Soql.parse("SELECT Id FROM Lead ORDER BY " + orderBy);
        List<Map<String, Object>> rows = new ArrayList<>(ROWS);
        rows.sort(query.ordering((r, field) -> r.get(field)));
        return rows.stream().map(r -> (String) r.get("Id")).toList();
    }

    @ParameterizedTest(name = "ORDER BY {0}")
    @CsvSource(delimiter = '|', value = {
            // strings sort ignoring case; the sort is stable, so ties keep insertion order
            "Rating                          | 2,6,4,3,5,1",
            "Rating ASC NULLS LAST           | 4,3,5,1,2,6",
            "Rating DESC                     | 1,3,5,4,2,6",
            "Rating DESC NULLS FIRST         | 2,6,1,3,5,4",
            "Amount, Id DESC                 | 6,3,4,1,2,5",
            "Amount DESC, Rating             | 5,2,4,1,6,3",
            "amount desc nulls first, RATING | 6,3,5,2,4,1",
            "Rating NULLS LAST, Amount DESC  | 4,5,3,1,2,6",
    })
    void order_by_sorts_on_several_keys_with_null_placement(String orderBy, String expectedIds) {
        assertThat(sortedIds(orderBy)).containsExactly(expectedIds.split(","));
    }

    @Test
    void without_order_by_every_row_ties() {
        SoqlQuery query = Soql.parse("SELECT Id FROM Lead");

        assertThat(query.ordering((Map<String, Object> r, String field) -> r.get(field)).compare(ROWS.get(0), ROWS.get(1))).isZero();
    }

    @Test
    void datetimes_dates_and_booleans_sort_naturally() {
        SoqlQuery query = Soql.parse("SELECT Id FROM Lead ORDER BY IsConverted, SystemModstamp DESC");
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(Map.of("Id", "a", "IsConverted", true, "SystemModstamp", Instant.parse("2026-01-05T09:00:00Z")));
        rows.add(Map.of("Id", "b", "IsConverted", false, "SystemModstamp", Instant.parse("2026-01-05T09:00:00Z")));
        rows.add(Map.of("Id", "c", "IsConverted", false, "SystemModstamp", Instant.parse("2026-01-05T10:00:00Z")));

        rows.sort(query.ordering((r, field) -> r.get(field)));

        assertThat(rows).extracting(r -> r.get("Id")).containsExactly("c", "b", "a");
    }

    /**
     * The sandbox answers LeadSync's keyset pull with matches + ordering + LIMIT; walking it page by page
     * must visit every row exactly once, including rows that share the watermark's SystemModstamp.
     */
    @Test
    void the_incremental_pull_pages_through_every_row_exactly_once() {
        Instant t0 = Instant.parse("2026-01-05T09:00:00Z");
        List<Map<String, Object>> table = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // three rows per timestamp so page boundaries fall inside runs of equal SystemModstamp
            table.add(Map.of("Id", String.format("00Q%012d", 100 - i), "LastName", "L" + i,
                    "SystemModstamp", t0.plusSeconds(i / 3)));
        }
        Instant watermark = t0.minusSeconds(1);
        String lastId = "";
        List<Object> seen = new ArrayList<>();
        while (true) {
            SoqlQuery page = Soql.parse("SELECT Id, LastName, Email, SystemModstamp FROM Lead WHERE SystemModstamp > " + watermark
                    + " OR (SystemModstamp = " + watermark + " AND Id > '" + lastId + "') ORDER BY SystemModstamp, Id LIMIT 4");
            List<Map<String, Object>> rows = table.stream()
                    .filter(r -> page.matches(r::get))
                    .sorted(page.ordering((r, field) -> r.get(field)))
                    .limit(page.limit().orElseThrow())
                    .toList();
            if (rows.isEmpty()) {
                break;
            }
            rows.forEach(r -> seen.add(r.get("Id")));
            Map<String, Object> last = rows.get(rows.size() - 1);
            watermark = (Instant) last.get("SystemModstamp");
            lastId = (String) last.get("Id");
        }

        assertThat(seen).hasSize(23).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(table.stream().map(r -> r.get("Id")).toList());
    }
}
