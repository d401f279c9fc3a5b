package io.leadsync.sandbox.salesforce.soql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SoqlMatchTest {

    private static final Clock NOON_5_JAN = Clock.fixed(Instant.parse("2026-01-05T12:00:00Z"), ZoneOffset.UTC);

    /** Values keyed case-insensitively, as the sandbox's record store will look them up. */
    private static Function<String, Object> record(Object... namesAndValues) {
        Map<String, Object> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return values::get;
    }

    private static boolean matches(String where, Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put("F", value);
        return Soql.parse("SELECT Id FROM Lead WHERE " + where, NOON_5_JAN).matches(values::get);
    }

    static Stream<Arguments> operatorsOnEachType() {
        BigDecimal ten = new BigDecimal("10.0");
        Instant nine = Instant.parse("2026-01-05T09:00:00Z");
        LocalDate jan5 = LocalDate.of(2026, 1, 5);
        return Stream.of(
                // strings: = and != ignore case, ordering ignores case too
                Arguments.of("F = 'acme'", "ACME", true),
                Arguments.of("F = 'acme'", "Acme Inc", false),
                Arguments.of("F != 'acme'", "Acme", false),
                Arguments.of("F != 'acme'", "Globex", true),
                Arguments.of("F < 'b'", "Apple", true),
                Arguments.of("F <= 'APPLE'", "apple", true),
                Arguments.of("F > 'b'", "Apple", false),
                Arguments.of("F >= 'a'", "B", true),
                Arguments.of("F = 'x'", "", false),
                // numbers compare by value, not scale
                Arguments.of("F = 10", ten, true),
                Arguments.of("F = 10.00", 10, true),
                Arguments.of("F != 10", ten, false),
                Arguments.of("F < 10.5", ten, true),
                Arguments.of("F <= 10", ten, true),
                Arguments.of("F > -3", ten, true),
                Arguments.of("F >= 11", ten, false),
                Arguments.of("F > 2.5", 3.0d, true),
                // booleans
                Arguments.of("F = true", true, true),
                Arguments.of("F = TRUE", false, false),
                Arguments.of("F != false", true, true),
                // datetimes compare as instants whatever the literal's offset
                Arguments.of("F = 2026-01-05T09:00:00Z", nine, true),
                Arguments.of("F = 2026-01-05T10:00:00+01:00", nine, true),
                Arguments.of("F = 2026-01-05T09:00:00.000+0000", nine, true),
                Arguments.of("F = 2026-01-05T04:00:00-05:00", nine, true),
                Arguments.of("F > 2026-01-05T09:00:00+00:01", nine, true),
                Arguments.of("F > 2026-01-05T09:00:00-00:01", nine, false),
                Arguments.of("F < 2026-01-05T09:00:00.001Z", nine, true),
                Arguments.of("F <= 2026-01-05T08:59:59Z", nine, false),
                Arguments.of("F >= 2026-01-05T10:00:00+01:00", nine, true),
                Arguments.of("F != 2026-01-05T09:00:00Z", nine, false),
                Arguments.of("F > 2026-01-05T09:00:00Z", java.time.OffsetDateTime.parse("2026-01-05T10:00:01+01:00"), true),
                // dates
                Arguments.of("F = 2026-01-05", jan5, true),
                Arguments.of("F < 2026-01-06", jan5, true),
                Arguments.of("F > 2026-01-05", jan5, false),
                Arguments.of("F >= 2026-01-05", jan5, true),
                Arguments.of("F <= 2026-01-04", jan5, false),
                Arguments.of("F != 2025-01-05", jan5, true));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("operatorsOnEachType")
    void each_operator_works_on_each_type(String where, Object value, boolean expected) {
        assertThat(matches(where, value)).isEqualTo(expected);
    }

    static Stream<Arguments> nullSemantics() {
        return Stream.of(
                Arguments.of("F = null", null, true),
                Arguments.of("F = null", "x", false),
                Arguments.of("F != null", null, false),
                Arguments.of("F != null", "x", true),
                Arguments.of("F < null", "x", false),
                Arguments.of("F >= null", null, false),
                // SOQL, unlike SQL, treats a null field as different from any value
                Arguments.of("F != 'x'", null, true),
                Arguments.of("F = 'x'", null, false),
                Arguments.of("F > 5", null, false),
                Arguments.of("F < 2026-01-05T09:00:00Z", null, false),
                Arguments.of("F LIKE '%'", null, false),
                Arguments.of("F IN ('a', 'b')", null, false),
                Arguments.of("F IN ('a', null)", null, true),
                Arguments.of("F NOT IN ('a', 'b')", null, true),
                Arguments.of("NOT F = 'x'", null, true));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("nullSemantics")
    void comparisons_with_null(String where, Object value, boolean expected) {
        assertThat(matches(where, value)).isEqualTo(expected);
    }

    static Stream<Arguments> inLists() {
        return Stream.of(
                Arguments.of("F IN ('Open', 'Working')", "working", true),
                Arguments.of("F IN ('Open', 'Working')", "Closed", false),
                Arguments.of("F NOT IN ('Open', 'Working')", "Closed", true),
                Arguments.of("F NOT IN ('Open', 'Working')", "OPEN", false),
                Arguments.of("F IN (1, 2, 3)", new BigDecimal("2.00"), true),
                Arguments.of("F IN (2026-01-05T09:00:00Z, 2026-01-06T09:00:00Z)", Instant.parse("2026-01-06T09:00:00Z"), true),
                Arguments.of("F in (2026-01-05)", LocalDate.of(2026, 1, 5), true));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("inLists")
    void in_and_not_in(String where, Object value, boolean expected) {
        assertThat(matches(where, value)).isEqualTo(expected);
    }

    static Stream<Arguments> likePatterns() {
        return Stream.of(
                Arguments.of("F LIKE 'acme'", "ACME", true),
                Arguments.of("F LIKE 'acme'", "Acme Inc", false),
                Arguments.of("F LIKE 'acme%'", "Acme Inc", true),
                Arguments.of("F LIKE '%@example.com'", "Jo@Example.COM", true),
                Arguments.of("F LIKE '%inc%'", "Acme Incorporated", true),
                Arguments.of("F LIKE 'J_n'", "Jon", true),
                Arguments.of("F LIKE 'J_n'", "John", false),
                Arguments.of("F LIKE '%'", "", true),
                Arguments.of("F LIKE '100\\%'", "100%", true),
                Arguments.of("F LIKE '100\\%'", "1000", false),
                Arguments.of("F LIKE 'a\\_b'", "a_b", true),
                Arguments.of("F LIKE 'a\\_b'", "axb", false),
                Arguments.of("F LIKE 'a.c*'", "a.c*", true),
                Arguments.of("F LIKE 'a.c*'", "abc", false),
                Arguments.of("F LIKE 'O\\'B%'", "o'brien", true),
                Arguments.of("F LIKE 'line%'", "line\nbreak", true));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("likePatterns")
    void like_is_case_insensitive_with_percent_and_underscore_wildcards(String where, Object value, boolean expected) {
        assertThat(matches(where, value)).isEqualTo(expected);
    }

    @Test
    void escaped_wildcards_mean_the_plain_character_outside_like() {
        assertThat(matches("F = '100\\%'", "100%")).isTrue();
        assertThat(matches("F = 'a\\_b'", "a_b")).isTrue();
    }

    static Stream<Arguments> booleanLogic() {
        return Stream.of(
                Arguments.of("A = 1 AND B = 1", 1, 1, 0, true),
                Arguments.of("A = 1 AND B = 1", 1, 0, 0, false),
                Arguments.of("A = 1 OR B = 1", 0, 1, 0, true),
                Arguments.of("A = 1 OR B = 1", 0, 0, 0, false),
                Arguments.of("A = 1 AND B = 1 AND C = 1", 1, 1, 0, false),
                Arguments.of("A = 1 OR B = 1 OR C = 1", 0, 0, 1, true),
                // parentheses decide the grouping (Salesforce refuses to guess a precedence)
                Arguments.of("(A = 1 AND B = 1) OR C = 1", 0, 0, 1, true),
                Arguments.of("A = 1 AND (B = 1 OR C = 1)", 0, 0, 1, false),
                Arguments.of("A = 1 AND (B = 1 OR C = 1)", 1, 0, 1, true),
                Arguments.of("((A = 1))", 1, 0, 0, true),
                // NOT binds to the condition right after it
                Arguments.of("NOT A = 1", 0, 0, 0, true),
                Arguments.of("NOT A = 1 AND B = 1", 0, 1, 0, true),
                Arguments.of("NOT A = 1 AND B = 1", 1, 1, 0, false),
                Arguments.of("NOT (A = 1 OR B = 1)", 0, 0, 0, true),
                Arguments.of("NOT (A = 1 OR B = 1)", 0, 1, 0, false),
                Arguments.of("NOT NOT A = 1", 1, 0, 0, true),
                Arguments.of("a = 1 and (NOT b = 1 or c = 1)", 1, 1, 0, false));
    }

    @ParameterizedTest(name = "{0} with A={1} B={2} C={3} -> {4}")
    @MethodSource("booleanLogic")
    void and_or_not_and_parentheses(String where, int a, int b, int c, boolean expected) {
        SoqlQuery query = Soql.parse("SELECT Id FROM Lead WHERE " + where);

        assertThat(query.matches(record("A", BigDecimal.valueOf(a), "B", BigDecimal.valueOf(b), "C", BigDecimal.valueOf(c))))
                .isEqualTo(expected);
    }

    @Test
    void a_query_without_where_matches_everything() {
        assertThat(Soql.parse("SELECT Id FROM Lead").matches(field -> null)).isTrue();
    }

    @Test
    void the_incremental_pull_filter_selects_rows_after_the_watermark() {
        SoqlQuery pull = Soql.parse("SELECT Id, LastName, Email, SystemModstamp FROM Lead WHERE SystemModstamp > 2026-01-05T09:00:00Z"
                + " OR (SystemModstamp = 2026-01-05T09:00:00Z AND Id > '00Q000000000001') ORDER BY SystemModstamp, Id LIMIT 2000");
        Instant mark = Instant.parse("2026-01-05T09:00:00Z");

        assertThat(pull.matches(record("Id", "00Q000000000001", "SystemModstamp", mark))).isFalse();
        assertThat(pull.matches(record("Id", "00Q000000000000", "SystemModstamp", mark))).isFalse();
        assertThat(pull.matches(record("Id", "00Q000000000002", "SystemModstamp", mark))).isTrue();
        assertThat(pull.matches(record("Id", "00Q000000000000", "SystemModstamp", mark.plusMillis(1)))).isTrue();
        assertThat(pull.matches(record("Id", "00Q000000000009", "SystemModstamp", mark.minusSeconds(1)))).isFalse();
    }

    static Stream<Arguments> typeMismatches() {
        return Stream.of(
                Arguments.of("F = 'x'", Instant.parse("2026-01-05T09:00:00Z"), "must be of type dateTime and should not be enclosed in quotes"),
                Arguments.of("F > 2026-01-05", Instant.parse("2026-01-05T09:00:00Z"), "must be of type dateTime and should not be enclosed in quotes"),
                Arguments.of("F > 2026-01-05T09:00:00Z", LocalDate.of(2026, 1, 5), "must be of type date and should not be enclosed in quotes"),
                Arguments.of("F = 5", "5", "must be of type string and should be enclosed in quotes"),
                Arguments.of("F = '5'", new BigDecimal("5"), "must be of type double and should not be enclosed in quotes"),
                Arguments.of("F = 'true'", true, "must be of type boolean and should not be enclosed in quotes"),
                Arguments.of("F IN ('a')", new BigDecimal("5"), "must be of type double"),
                Arguments.of("F LIKE '5%'", new BigDecimal("5"), "must be of type double"),
                Arguments.of("F = TODAY", "today", "must be of type string"));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("typeMismatches")
    void a_literal_of_the_wrong_type_is_an_invalid_field_error(String where, Object value, String reason) {
        assertThatThrownBy(() -> matches(where, value))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("INVALID_FIELD");
                    assertThat(e.getMessage()).startsWith("value of filter criterion for field 'F' " + reason);
                });
    }

    static Stream<Arguments> relativeDates() {
        Instant todayMorning = Instant.parse("2026-01-05T00:00:00Z");
        return Stream.of(
                Arguments.of("F = TODAY", todayMorning, true),
                Arguments.of("F = TODAY", Instant.parse("2026-01-05T23:59:59Z"), true),
                Arguments.of("F = TODAY", Instant.parse("2026-01-06T00:00:00Z"), false),
                Arguments.of("F > TODAY", Instant.parse("2026-01-06T00:00:00Z"), true),
                Arguments.of("F > TODAY", Instant.parse("2026-01-05T23:00:00Z"), false),
                Arguments.of("F < TODAY", Instant.parse("2026-01-04T23:59:59Z"), true),
                Arguments.of("F <= TODAY", Instant.parse("2026-01-05T23:00:00Z"), true),
                Arguments.of("F >= TODAY", todayMorning, true),
                Arguments.of("F != TODAY", todayMorning, false),
                Arguments.of("F = YESTERDAY", LocalDate.of(2026, 1, 4), true),
                Arguments.of("F = TOMORROW", LocalDate.of(2026, 1, 6), true),
                Arguments.of("F = TODAY", LocalDate.of(2026, 1, 5), true),
                // LAST_N_DAYS:1 is yesterday and today
                Arguments.of("F = LAST_N_DAYS:1", LocalDate.of(2026, 1, 4), true),
                Arguments.of("F = LAST_N_DAYS:1", LocalDate.of(2026, 1, 3), false),
                Arguments.of("F = LAST_N_DAYS:1", Instant.parse("2026-01-05T20:00:00Z"), true),
                Arguments.of("F = LAST_N_DAYS:30", LocalDate.of(2025, 12, 6), true),
                Arguments.of("F = LAST_N_DAYS:30", LocalDate.of(2025, 12, 5), false),
                // NEXT_N_DAYS:n starts tomorrow
                Arguments.of("F = NEXT_N_DAYS:2", LocalDate.of(2026, 1, 5), false),
                Arguments.of("F = NEXT_N_DAYS:2", LocalDate.of(2026, 1, 7), true),
                Arguments.of("F = NEXT_N_DAYS:2", LocalDate.of(2026, 1, 8), false));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("relativeDates")
    void relative_date_literals_cover_whole_utc_days_from_the_clock(String where, Object value, boolean expected) {
        assertThat(matches(where, value)).isEqualTo(expected);
    }
}
