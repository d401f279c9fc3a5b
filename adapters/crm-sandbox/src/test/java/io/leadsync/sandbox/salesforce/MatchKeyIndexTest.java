package io.leadsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The index kept across requests must see every way a row changes, or a duplicate goes unnoticed. */
class MatchKeyIndexTest {

    private final AtomicInteger computed = new AtomicInteger();
    private final MatchKeyIndex index = new MatchKeyIndex(List.of("Email", "LastName"), row -> {
        computed.incrementAndGet();
        return List.of("e:" + row.path("Email").asText(), "n:" + row.path("LastName").asText());
    });
    private final Map<String, ObjectNode> table = new LinkedHashMap<>();

    @Test
    void a_row_edited_in_place_is_found_under_its_new_email_and_no_longer_under_its_old_one() {
        ObjectNode ada = row("00Q1", "ada@old.example", "Lovelace");
        index.refresh(table);
        ada.put("Email", "ada@new.example");
        index.refresh(table);

        assertThat(index.rowsUnder(List.of("e:ada@new.example"))).containsExactly(ada);
        assertThat(index.rowsUnder(List.of("e:ada@old.example"))).isEmpty();
    }

    @Test
    void rows_added_since_the_last_refresh_are_indexed_and_unchanged_rows_are_not_computed_again() {
        row("00Q1", "ada@example.com", "Lovelace");
        index.refresh(table);
        ObjectNode grace = row("00Q2", "grace@example.com", "Hopper");
        index.refresh(table);

        assertThat(index.rowsUnder(List.of("n:Hopper", "e:grace@example.com"))).containsExactly(grace);
        assertThat(computed).hasValue(2);
    }

    @Test
    void a_purged_row_and_a_replaced_table_leave_nothing_behind() {
        row("00Q1", "ada@example.com", "Lovelace");
        index.refresh(table);
        table.remove("00Q1");
        index.refresh(table);
        assertThat(index.rowsUnder(List.of("n:Lovelace"))).isEmpty();

        ObjectNode fresh = Json.object().put("Id", "00Q9").put("Email", "x@example.com").put("LastName", "Lovelace");
        index.refresh(new LinkedHashMap<>(Map.of("00Q9", fresh)));
        assertThat(index.rowsUnder(List.of("n:Lovelace"))).containsExactly(fresh);
    }

    private ObjectNode row(String id, String email, String lastName) {
        ObjectNode row = Json.object().put("Id", id).put("Email", email).put("LastName", lastName);
        table.put(id, row);
        return row;
    }
}
