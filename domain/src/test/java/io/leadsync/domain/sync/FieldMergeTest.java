package io.leadsync.domain.sync;

import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge table of ARCHITECTURE.md section 4, row by row, under every conflict policy and every field direction.
 * Columns: table row, base, app, crm ("-" is no value), direction, policy, when the app field changed relative to
 * the CRM record's modification, and the expected decision ("HOLD APP" holds the app's change back).
 */
class FieldMergeTest {
    private static final Instant CRM_MODIFIED = T0.plus(Duration.ofHours(2));

    @ParameterizedTest(name = "{0}: base {1}, app {2}, crm {3}, {4}, {5}, app changed {6} -> {7}")
    @CsvSource(delimiter = '|', value = {
            "same, same              | A | A | A | BIDIRECTIONAL | CRM_WINS    | LATER   | KEEP A",
            "same, same              | A | A | A | PUSH          | CRM_WINS    | LATER   | KEEP A",
            "same, same              | A | A | A | PULL          | CRM_WINS    | LATER   | KEEP A",
            "same, same              | A | A | A | BIDIRECTIONAL | APP_WINS    | LATER   | KEEP A",
            "same, same              | A | A | A | PUSH          | APP_WINS    | LATER   | KEEP A",
            "same, same              | A | A | A | PULL          | APP_WINS    | LATER   | KEEP A",
            "same, same              | A | A | A | BIDIRECTIONAL | MOST_RECENT | LATER   | KEEP A",
            "same, same              | A | A | A | BIDIRECTIONAL | MOST_RECENT | EARLIER | KEEP A",
            "same, same              | A | A | A | PUSH          | MOST_RECENT | LATER   | KEEP A",
            "same, same              | A | A | A | PUSH          | MOST_RECENT | EARLIER | KEEP A",
            "same, same              | A | A | A | PULL          | MOST_RECENT | LATER   | KEEP A",
            "same, same              | A | A | A | PULL          | MOST_RECENT | EARLIER | KEEP A",
            "changed, same           | A | B | A | BIDIRECTIONAL | CRM_WINS    | LATER   | PUSH B",
            "changed, same           | A | B | A | PUSH          | CRM_WINS    | LATER   | PUSH B",
            "changed, same           | A | B | A | PULL          | CRM_WINS    | LATER   | HOLD APP",
            "changed, same           | A | B | A | BIDIRECTIONAL | APP_WINS    | LATER   | PUSH B",
            "changed, same           | A | B | A | PUSH          | APP_WINS    | LATER   | PUSH B",
            "changed, same           | A | B | A | PULL          | APP_WINS    | LATER   | HOLD APP",
            "changed, same           | A | B | A | BIDIRECTIONAL | MOST_RECENT | LATER   | PUSH B",
            "changed, same           | A | B | A | BIDIRECTIONAL | MOST_RECENT | EARLIER | PUSH B",
            "changed, same           | A | B | A | PUSH          | MOST_RECENT | LATER   | PUSH B",
            "changed, same           | A | B | A | PUSH          | MOST_RECENT | EARLIER | PUSH B",
            "changed, same           | A | B | A | PULL          | MOST_RECENT | LATER   | HOLD APP",
            "changed, same           | A | B | A | PULL          | MOST_RECENT | EARLIER | HOLD APP",
            "same, changed           | A | A | C | BIDIRECTIONAL | CRM_WINS    | LATER   | TAKE C",
            "same, changed           | A | A | C | PUSH          | CRM_WINS    | LATER   | HOLD CRM",
            "same, changed           | A | A | C | PULL          | CRM_WINS    | LATER   | TAKE C",
            "same, changed           | A | A | C | BIDIRECTIONAL | APP_WINS    | LATER   | TAKE C",
            "same, changed           | A | A | C | PUSH          | APP_WINS    | LATER   | HOLD CRM",
            "same, changed           | A | A | C | PULL          | APP_WINS    | LATER   | TAKE C",
            "same, changed           | A | A | C | BIDIRECTIONAL | MOST_RECENT | LATER   | TAKE C",
            "same, changed           | A | A | C | BIDIRECTIONAL | MOST_RECENT | EARLIER | TAKE C",
            "same, changed           | A | A | C | PUSH          | MOST_RECENT | LATER   | HOLD CRM",
            "same, changed           | A | A | C | PUSH          | MOST_RECENT | EARLIER | HOLD CRM",
            "same, changed           | A | A | C | PULL          | MOST_RECENT | LATER   | TAKE C",
            "same, changed           | A | A | C | PULL          | MOST_RECENT | EARLIER | TAKE C",
            "changed, changed alike  | A | B | B | BIDIRECTIONAL | CRM_WINS    | LATER   | KEEP B",
            "changed, changed alike  | A | B | B | PUSH          | CRM_WINS    | LATER   | KEEP B",
            "changed, changed alike  | A | B | B | PULL          | CRM_WINS    | LATER   | KEEP B",
            "changed, changed alike  | A | B | B | BIDIRECTIONAL | APP_WINS    | LATER   | KEEP B",
            "changed, changed alike  | A | B | B | PUSH          | APP_WINS    | LATER   | KEEP B",
            "changed, changed alike  | A | B | B | PULL          | APP_WINS    | LATER   | KEEP B",
            "changed, changed alike  | A | B | B | BIDIRECTIONAL | MOST_RECENT | LATER   | KEEP B",
            "changed, changed alike  | A | B | B | BIDIRECTIONAL | MOST_RECENT | EARLIER | KEEP B",
            "changed, changed alike  | A | B | B | PUSH          | MOST_RECENT | LATER   | KEEP B",
            "changed, changed alike  | A | B | B | PUSH          | MOST_RECENT | EARLIER | KEEP B",
            "changed, changed alike  | A | B | B | PULL          | MOST_RECENT | LATER   | KEEP B",
            "changed, changed alike  | A | B | B | PULL          | MOST_RECENT | EARLIER | KEEP B",
            "changed, changed apart  | A | B | C | BIDIRECTIONAL | CRM_WINS    | LATER   | TAKE C",
            "changed, changed apart  | A | B | C | PUSH          | CRM_WINS    | LATER   | HOLD CRM",
            "changed, changed apart  | A | B | C | PULL          | CRM_WINS    | LATER   | TAKE C",
            "changed, changed apart  | A | B | C | BIDIRECTIONAL | CRM_WINS    | EARLIER | TAKE C",
            "changed, changed apart  | A | B | C | PUSH          | CRM_WINS    | EARLIER | HOLD CRM",
            "changed, changed apart  | A | B | C | PULL          | CRM_WINS    | EARLIER | TAKE C",
            "changed, changed apart  | A | B | C | BIDIRECTIONAL | APP_WINS    | EARLIER | PUSH B",
            "changed, changed apart  | A | B | C | PUSH          | APP_WINS    | EARLIER | PUSH B",
            "changed, changed apart  | A | B | C | PULL          | APP_WINS    | EARLIER | HOLD APP",
            "changed, changed apart  | A | B | C | BIDIRECTIONAL | APP_WINS    | LATER   | PUSH B",
            "changed, changed apart  | A | B | C | PUSH          | APP_WINS    | LATER   | PUSH B",
            "changed, changed apart  | A | B | C | PULL          | APP_WINS    | LATER   | HOLD APP",
            "changed, changed apart  | A | B | C | BIDIRECTIONAL | MOST_RECENT | LATER   | PUSH B",
            "changed, changed apart  | A | B | C | PUSH          | MOST_RECENT | LATER   | PUSH B",
            "changed, changed apart  | A | B | C | PULL          | MOST_RECENT | LATER   | HOLD APP",
            "changed, changed apart  | A | B | C | BIDIRECTIONAL | MOST_RECENT | EARLIER | TAKE C",
            "changed, changed apart  | A | B | C | PUSH          | MOST_RECENT | EARLIER | HOLD CRM",
            "changed, changed apart  | A | B | C | PULL          | MOST_RECENT | EARLIER | TAKE C",
            "changed, changed apart  | A | B | C | BIDIRECTIONAL | MOST_RECENT | SAME    | TAKE C",
            "changed, changed apart  | A | B | C | PUSH          | MOST_RECENT | SAME    | HOLD CRM",
            "changed, changed apart  | A | B | C | PULL          | MOST_RECENT | SAME    | TAKE C"
    })
    void every_row_of_the_merge_table_under_every_policy_and_direction(String row, String base, String app,
                                                                        String crm, SyncDirection direction,
                                                                        ConflictPolicy policy, String appChanged,
                                                                        String expected) {
        SyncDecision decision = FieldMerge.decide(value(base), value(app), value(crm), direction, policy,
                Optional.of(appChangedAt(appChanged)), CRM_MODIFIED);

        assertThat(describe(decision)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "base {0}, app {1}, crm {2}, {3}, app changed {4} -> {5}")
    @CsvSource(delimiter = '|', value = {
            "A | - | A | CRM_WINS    | LATER   | PUSH -",
            "A | A | - | APP_WINS    | LATER   | TAKE -",
            "- | B | - | CRM_WINS    | LATER   | PUSH B",
            "- | - | C | APP_WINS    | LATER   | TAKE C",
            "A | - | - | APP_WINS    | LATER   | KEEP -",
            "- | - | - | CRM_WINS    | LATER   | KEEP -",
            "A | - | C | CRM_WINS    | LATER   | TAKE C",
            "A | - | C | APP_WINS    | EARLIER | PUSH -",
            "A | - | C | MOST_RECENT | LATER   | PUSH -",
            "A | B | - | MOST_RECENT | EARLIER | TAKE -",
            "- | B | C | CRM_WINS    | LATER   | TAKE C",
            "- | B | C | MOST_RECENT | LATER   | PUSH B",
            "- | B | B | APP_WINS    | LATER   | KEEP B",
    })
    void a_value_cleared_on_one_side_is_a_change_like_any_other(String base, String app, String crm,
                                                                 ConflictPolicy policy, String appChanged,
                                                                 String expected) {
        SyncDecision decision = FieldMerge.decide(value(base), value(app), value(crm), SyncDirection.BIDIRECTIONAL,
                policy, Optional.of(appChangedAt(appChanged)), CRM_MODIFIED);

        assertThat(describe(decision)).isEqualTo(expected);
    }

    @Test
    void a_conflict_names_the_rule_the_winner_and_both_values() {
        SyncDecision decision = FieldMerge.decide(Optional.of("A"), Optional.of("B"), Optional.of("C"),
                SyncDirection.BIDIRECTIONAL, ConflictPolicy.MOST_RECENT, Optional.of(CRM_MODIFIED.plusSeconds(1)),
                CRM_MODIFIED);

        assertThat(decision).isEqualTo(new SyncDecision.Push(Optional.of("B"), Optional.of(
                new ConflictResolution(ConflictPolicy.MOST_RECENT, Side.APP, Optional.of("B"), Optional.of("C")))));
    }

    @Test
    void most_recent_gives_the_conflict_to_the_crm_when_the_app_field_has_no_change_instant() {
        SyncDecision decision = FieldMerge.decide(Optional.of("A"), Optional.of("B"), Optional.of("C"),
                SyncDirection.BIDIRECTIONAL, ConflictPolicy.MOST_RECENT, Optional.empty(), CRM_MODIFIED);

        assertThat(describe(decision)).isEqualTo("TAKE C");
    }

    @Test
    void a_field_whose_direction_and_the_connections_share_no_way_moves_nothing() {
        assertThat(describe(FieldMerge.decide(Optional.of("A"), Optional.of("B"), Optional.of("A"), null,
                ConflictPolicy.APP_WINS, Optional.of(CRM_MODIFIED), CRM_MODIFIED))).isEqualTo("HOLD APP");
        assertThat(describe(FieldMerge.decide(Optional.of("A"), Optional.of("A"), Optional.of("C"), null,
                ConflictPolicy.CRM_WINS, Optional.of(CRM_MODIFIED), CRM_MODIFIED))).isEqualTo("HOLD CRM");
    }

    @Test
    void a_lead_never_synced_pushes_every_value_and_the_base_becomes_what_was_pushed() {
        Lead lead = aLead().with(LeadField.FIRST_NAME, "Ada").with(LeadField.JOB_TITLE, "CTO").build();

        RecordMerge merge = FieldMerge.merge(lead, Map.of(), CRM_MODIFIED, Map.of(), MAPPINGS,
                SyncSettings.defaults());

        assertThat(merge.toPush()).containsEntry(LeadField.FIRST_NAME, Optional.of("Ada"))
                .containsEntry(LeadField.JOB_TITLE, Optional.of("CTO"))
                .containsEntry(LeadField.LAST_NAME, Optional.of(lead.lastName()));
        assertThat(merge.toTake()).isEmpty();
        assertThat(merge.newBase()).containsEntry(LeadField.FIRST_NAME, "Ada").containsEntry(LeadField.JOB_TITLE, "CTO");
    }

    @Test
    void leadsyncs_own_write_coming_back_on_the_next_pull_is_no_change() {
        Lead lead = aLead().with(LeadField.FIRST_NAME, "Ada").with(LeadField.JOB_TITLE, "CTO").build();
        RecordMerge first = FieldMerge.merge(lead, Map.of(), CRM_MODIFIED, Map.of(), MAPPINGS,
                SyncSettings.defaults());
        Map<LeadField, String> crmNow = new EnumMap<>(LeadField.class);
        first.toPush().forEach((field, value) -> value.ifPresent(v -> crmNow.put(field, v)));

        RecordMerge echo = FieldMerge.merge(lead, crmNow, CRM_MODIFIED.plusSeconds(5), first.newBase(), MAPPINGS,
                SyncSettings.defaults());

        assertThat(echo.nothingToWrite()).isTrue();
        assertThat(echo.newBase()).isEqualTo(first.newBase());
    }

    @Test
    void an_unchecked_crm_checkbox_is_no_change_for_a_lead_without_the_flag_but_a_checked_one_is_taken() {
        Lead lead = aLead().build();
        Map<LeadField, String> base = Map.of(LeadField.LAST_NAME, lead.lastName());
        List<FieldMapping> mappings = List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName"),
                FieldMapping.both(LeadField.IS_DQL, "Is_DQL__c"));

        RecordMerge unchecked = FieldMerge.merge(lead, Map.of(LeadField.LAST_NAME, lead.lastName(),
                LeadField.IS_DQL, "false"), CRM_MODIFIED, base, mappings, SyncSettings.defaults());
        RecordMerge checked = FieldMerge.merge(lead, Map.of(LeadField.LAST_NAME, lead.lastName(),
                LeadField.IS_DQL, "true"), CRM_MODIFIED, base, mappings, SyncSettings.defaults());

        assertThat(unchecked.nothingToWrite()).isTrue();
        assertThat(unchecked.newBase()).doesNotContainKey(LeadField.IS_DQL);
        assertThat(checked.toTake()).containsEntry(LeadField.IS_DQL, "true");
    }

    @Test
    void a_reps_edit_and_an_agents_edit_on_different_fields_both_survive() {
        Lead lead = aLead().with(LeadField.FIRST_NAME, "Ada").with(LeadField.JOB_TITLE, "CTO").build();
        Map<LeadField, String> base = Map.of(LeadField.LAST_NAME, lead.lastName(), LeadField.FIRST_NAME, "Ada",
                LeadField.JOB_TITLE, "VP Engineering");
        Map<LeadField, String> crm = Map.of(LeadField.LAST_NAME, lead.lastName(), LeadField.FIRST_NAME, "Adaline",
                LeadField.JOB_TITLE, "VP Engineering");

        RecordMerge merge = FieldMerge.merge(lead, crm, CRM_MODIFIED, base, MAPPINGS, SyncSettings.defaults());

        assertThat(merge.toPush()).containsOnlyKeys(LeadField.JOB_TITLE).containsEntry(LeadField.JOB_TITLE, Optional.of("CTO"));
        assertThat(merge.toTake()).containsOnlyKeys(LeadField.FIRST_NAME).containsEntry(LeadField.FIRST_NAME, "Adaline");
        assertThat(merge.newBase()).containsEntry(LeadField.FIRST_NAME, "Adaline").containsEntry(LeadField.JOB_TITLE, "CTO");
    }

    @Test
    void a_field_cleared_in_the_crm_is_taken_as_a_clear_and_leaves_no_base() {
        Lead lead = aLead().with(LeadField.JOB_TITLE, "CTO").build();
        Map<LeadField, String> base = Map.of(LeadField.LAST_NAME, lead.lastName(), LeadField.JOB_TITLE, "CTO");

        RecordMerge merge = FieldMerge.merge(lead, Map.of(LeadField.LAST_NAME, lead.lastName()), CRM_MODIFIED, base,
                MAPPINGS, SyncSettings.defaults());

        assertThat(merge.toTake()).containsEntry(LeadField.JOB_TITLE, null);
        assertThat(merge.newBase()).doesNotContainKey(LeadField.JOB_TITLE);
    }

    @Test
    void a_per_field_override_beats_the_connections_policy() {
        Lead lead = aLead().with(LeadField.JOB_TITLE, "CTO").with(LeadField.FIRST_NAME, "Ada").build();
        Map<LeadField, String> base = Map.of(LeadField.LAST_NAME, lead.lastName(), LeadField.JOB_TITLE, "VP",
                LeadField.FIRST_NAME, "A.");
        Map<LeadField, String> crm = Map.of(LeadField.LAST_NAME, lead.lastName(), LeadField.JOB_TITLE, "Head of IT",
                LeadField.FIRST_NAME, "Adaline");
        List<FieldMapping> mappings = List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName"),
                FieldMapping.both(LeadField.FIRST_NAME, "FirstName"),
                new FieldMapping(LeadField.JOB_TITLE, "Title", SyncDirection.BIDIRECTIONAL,
                        Optional.of(ConflictPolicy.APP_WINS)));

        RecordMerge merge = FieldMerge.merge(lead, crm, CRM_MODIFIED, base, mappings, SyncSettings.defaults());

        assertThat(merge.toPush()).containsOnlyKeys(LeadField.JOB_TITLE);
        assertThat(merge.toTake()).containsOnlyKeys(LeadField.FIRST_NAME);
    }

    @Test
    void a_push_only_connection_holds_back_crm_edits_even_on_a_bidirectional_field() {
        Lead lead = aLead().with(LeadField.JOB_TITLE, "CTO").build();
        Map<LeadField, String> base = Map.of(LeadField.LAST_NAME, lead.lastName(), LeadField.JOB_TITLE, "CTO");
        Map<LeadField, String> crm = Map.of(LeadField.LAST_NAME, lead.lastName(), LeadField.JOB_TITLE, "Head of IT");
        SyncSettings pushOnly = new SyncSettings(SyncSettings.defaults().frequency(), SyncDirection.PUSH,
                ConflictPolicy.CRM_WINS, true, false, SyncSettings.defaults().targetObject());

        RecordMerge merge = FieldMerge.merge(lead, crm, CRM_MODIFIED, base, MAPPINGS, pushOnly);

        assertThat(merge.decisions().get(LeadField.JOB_TITLE)).isEqualTo(new SyncDecision.Hold(Side.CRM, Optional.empty()));
        assertThat(merge.toTake()).isEmpty();
        assertThat(merge.newBase()).containsEntry(LeadField.JOB_TITLE, "CTO");
    }

    @Test
    void fields_without_a_mapping_are_left_alone() {
        Lead lead = aLead().with(LeadField.INDUSTRY, "Software").build();

        RecordMerge merge = FieldMerge.merge(lead, Map.of(LeadField.INDUSTRY, "Retail"), CRM_MODIFIED, Map.of(),
                MAPPINGS, SyncSettings.defaults());

        assertThat(merge.decisions()).doesNotContainKey(LeadField.INDUSTRY);
        assertThat(merge.newBase()).doesNotContainKey(LeadField.INDUSTRY);
    }

    private static final List<FieldMapping> MAPPINGS = List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName"),
            FieldMapping.both(LeadField.FIRST_NAME, "FirstName"), FieldMapping.both(LeadField.JOB_TITLE, "Title"));

    private static Optional<String> value(String cell) {
        return "-".equals(cell) ? Optional.empty() : Optional.of(cell);
    }

    private static Instant appChangedAt(String relative) {
        return switch (relative) {
            case "LATER" -> CRM_MODIFIED.plusSeconds(1);
            case "EARLIER" -> CRM_MODIFIED.minusSeconds(1);
            case "SAME" -> CRM_MODIFIED;
            default -> throw new IllegalArgumentException(relative);
        };
    }

    private static String describe(SyncDecision decision) {
        if (decision instanceof SyncDecision.Keep keep) {
            return "KEEP " + keep.value().orElse("-");
        }
        if (decision instanceof SyncDecision.Push push) {
            return "PUSH " + push.value().orElse("-");
        }
        if (decision instanceof SyncDecision.Take take) {
            return "TAKE " + take.value().orElse("-");
        }
        return "HOLD " + ((SyncDecision.Hold) decision).heldFrom();
    }
}
