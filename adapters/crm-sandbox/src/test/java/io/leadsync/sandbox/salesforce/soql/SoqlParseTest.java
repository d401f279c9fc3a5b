package io.leadsync.sandbox.salesforce.soql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SoqlParseTest {

    @Test
    void a_plain_select_keeps_fields_and_object_as_written() {
        SoqlQuery query = Soql.parse("SELECT Id, LastName, Owner.Name FROM Lead");

        assertThat(query.fields()).containsExactly("Id", "LastName", "Owner.Name");
        assertThat(query.count()).isFalse();
        assertThat(query.objectName()).isEqualTo("Lead");
        assertThat(query.where()).isEmpty();
        assertThat(query.orderBy()).isEmpty();
        assertThat(query.limit()).isEmpty();
        assertThat(query.offset()).isEmpty();
    }

    @Test
    void keywords_are_case_insensitive_and_whitespace_is_free() {
        SoqlQuery query = Soql.parse("select id ,lastname\n from lead\twhere  email != null order by id desc nulls first limit 5 offset 10");

        assertThat(query.fields()).containsExactly("id", "lastname");
        assertThat(query.where()).contains(new Condition.Comparison("email", Operator.NE, new Literal.Null()));
        assertThat(query.orderBy()).containsExactly(new Ordering("id", false, true));
        assertThat(query.limit()).isEqualTo(OptionalInt.of(5));
        assertThat(query.offset()).isEqualTo(OptionalInt.of(10));
    }

    @Test
    void count_query_has_no_fields() {
        SoqlQuery query = Soql.parse("SELECT count() FROM Lead WHERE IsConverted = false");

        assertThat(query.count()).isTrue();
        assertThat(query.fields()).isEmpty();
        assertThat(query.where()).contains(new Condition.Comparison("IsConverted", Operator.EQ, new Literal.Bool(false)));
    }

    @Test
    void order_by_defaults_to_asc_nulls_first_and_desc_nulls_last() {
        SoqlQuery query = Soql.parse("SELECT Id FROM Lead ORDER BY A, B ASC, C DESC, D ASC NULLS LAST, E DESC NULLS FIRST");

        assertThat(query.orderBy()).containsExactly(
                new Ordering("A", true, true),
                new Ordering("B", true, true),
                new Ordering("C", false, false),
                new Ordering("D", true, false),
                new Ordering("E", false, true));
    }

    @Test
    void literals_of_every_kind_are_recognised() {
        SoqlQuery query = Soql.parse("SELECT Id FROM Lead WHERE A = 'x' AND B = 42 AND C = -1.5 AND D = true AND E = NULL"
                + " AND F = 2026-01-05 AND G = 2026-01-05T09:00:00Z AND H = 1e3");

        assertThat(((Condition.And) query.where().orElseThrow()).operands()).extracting(c -> ((Condition.Comparison) c).value())
                .containsExactly(
                        new Literal.Text("x"),
                        new Literal.Number(new BigDecimal("42")),
                        new Literal.Number(new BigDecimal("-1.5")),
                        new Literal.Bool(true),
                        new Literal.Null(),
                        new Literal.Date(LocalDate.of(2026, 1, 5)),
                        new Literal.DateTime(Instant.parse("2026-01-05T09:00:00Z")),
                        new Literal.Number(new BigDecimal("1e3")));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-01-05T09:00:00Z,             2026-01-05T09:00:00Z",
            "2026-01-05T09:00:00.000+0000,     2026-01-05T09:00:00Z",
            "2026-01-05T10:00:00+01:00,        2026-01-05T09:00:00Z",
            "2026-01-05T04:00:00-0500,         2026-01-05T09:00:00Z",
            "2026-01-05T09:00:00.123Z,         2026-01-05T09:00:00.123Z",
            "2026-01-04T23:30:00-09:30,        2026-01-05T09:00:00Z",
    })
    void datetime_literals_fold_their_offset_into_an_instant(String literal, String expected) {
        SoqlQuery query = Soql.parse("SELECT Id FROM Lead WHERE SystemModstamp > " + literal);

        assertThat(query.where()).contains(new Condition.Comparison("SystemModstamp", Operator.GT,
                new Literal.DateTime(Instant.parse(expected))));
    }

    static Stream<Arguments> escapedStrings() {
        return Stream.of(
                Arguments.of("'O\\'Brien'", "O'Brien"),
                Arguments.of("'back\\\\slash'", "back\\slash"),
                Arguments.of("'tab\\there'", "tab\there"),
                Arguments.of("'line\\nbreak'", "line\nbreak"),
                Arguments.of("'CR\\r'", "CR\r"),
                Arguments.of("'quote\\\"d'", "quote\"d"),
                Arguments.of("'\\u00e9t\\u00E9'", "\u00e9t\u00e9"),
                Arguments.of("'50\\%'", "50\\%"),
                Arguments.of("'a\\_b'", "a\\_b"));
    }

    @ParameterizedTest
    @MethodSource("escapedStrings")
    void string_escapes_are_decoded_except_the_like_only_ones(String literal, String expected) {
        SoqlQuery query = Soql.parse("SELECT Id FROM Lead WHERE Name = " + literal);

        assertThat(query.where()).contains(new Condition.Comparison("Name", Operator.EQ, new Literal.Text(expected)));
    }

    @Test
    void not_equal_has_two_spellings() {
        assertThat(Soql.parse("SELECT Id FROM Lead WHERE A <> 1").where())
                .isEqualTo(Soql.parse("SELECT Id FROM Lead WHERE A != 1").where());
    }

    @Test
    void in_not_in_and_like_parse_into_their_own_conditions() {
        SoqlQuery query = Soql.parse("SELECT Id FROM Lead WHERE Status IN ('Open', 'Working') AND Rating NOT IN ('Cold')"
                + " AND Email LIKE '%@acme.com' AND NOT Company = 'Acme'");

        assertThat(query.where()).contains(new Condition.And(List.of(
                new Condition.In("Status", List.of(new Literal.Text("Open"), new Literal.Text("Working")), false),
                new Condition.In("Rating", List.of(new Literal.Text("Cold")), true),
                new Condition.Like("Email", "%@acme.com"),
                new Condition.Not(new Condition.Comparison("Company", Operator.EQ, new Literal.Text("Acme"))))));
    }

    @Test
    void parentheses_nest_and_or_groups() {
        SoqlQuery query = Soql.parse("SELECT Id FROM Lead WHERE A = 1 OR (B = 2 AND (C = 3 OR D = 4))");

        Condition a = new Condition.Comparison("A", Operator.EQ, new Literal.Number(BigDecimal.ONE));
        Condition b = new Condition.Comparison("B", Operator.EQ, new Literal.Number(new BigDecimal("2")));
        Condition c = new Condition.Comparison("C", Operator.EQ, new Literal.Number(new BigDecimal("3")));
        Condition d = new Condition.Comparison("D", Operator.EQ, new Literal.Number(new BigDecimal("4")));
        assertThat(query.where()).contains(new Condition.Or(List.of(a,
                new Condition.And(List.of(b, new Condition.Or(List.of(c, d)))))));
    }

    @Test
    void referenced_fields_cover_select_where_and_order_by_once_each_ignoring_case() {
        SoqlQuery query = Soql.parse("SELECT Id, Email FROM Lead WHERE (email LIKE 'a%' OR NOT Status IN ('x'))"
                + " AND Rating != null ORDER BY SystemModstamp, ID");

        assertThat(query.referencedFields()).containsExactly("Id", "Email", "Status", "Rating", "SystemModstamp");
    }

    @Test
    void count_query_references_only_filter_and_order_fields() {
        assertThat(Soql.parse("SELECT COUNT() FROM Lead WHERE Email = null").referencedFields()).containsExactly("Email");
        assertThat(Soql.parse("SELECT COUNT() FROM Lead").where()).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT Id FORM Lead                               | unexpected token: 'FORM'",
            "SELECT Id FROM                                    | unexpected token: '<EOF>'",
            "SELECT FROM Lead                                  | unexpected token: 'FROM'",
            "SELECT Id, FROM Lead                              | unexpected token: 'FROM'",
            "SELECT Id FROM Lead WHERE                         | unexpected token: '<EOF>'",
            "SELECT Id FROM Lead WHERE A = 1 AND B = 2 OR C = 3 | unexpected token: 'OR'",
            "SELECT Id FROM Lead WHERE A = 1 OR B = 2 AND C = 3 | unexpected token: 'AND'",
            "SELECT Id FROM Lead WHERE (A = 1                  | unexpected token: '<EOF>'",
            "SELECT Id FROM Lead WHERE A = 1)                  | unexpected token: ')'",
            "SELECT Id FROM Lead WHERE A == 1                  | unexpected token: '='",
            "SELECT Id FROM Lead WHERE A = Bob                 | unexpected token: 'Bob'",
            "SELECT Id FROM Lead WHERE A IN ()                 | unexpected token: ')'",
            "SELECT Id FROM Lead WHERE A LIKE 5                | unexpected token: '5'",
            "SELECT Id FROM Lead WHERE A NOT LIKE 'x'          | unexpected token: 'NOT'",
            "SELECT Id FROM Lead WHERE A = 'open               | unterminated string literal",
            "SELECT Id FROM Lead WHERE A = 'a\\qb'             | Illegal character sequence '\\q' in string literal.",
            "SELECT Id FROM Lead WHERE A > 2026-01-05T09:00:00 | Invalid datetime: 2026-01-05T09:00:00",
            "SELECT Id FROM Lead WHERE A > 2026-13-05          | Invalid date: 2026-13-05",
            "SELECT Id FROM Lead WHERE A > 2026-01-05T09:00Z   | unexpected token: '2026-01-05T09:00Z'",
            "SELECT Id FROM Lead WHERE A = 1 # 2               | no viable alternative at character '#'",
            "SELECT Id FROM Lead ORDER Id                      | unexpected token: 'Id'",
            "SELECT Id FROM Lead ORDER BY Id NULLS MIDDLE      | unexpected token: 'MIDDLE'",
            "SELECT Id FROM Lead LIMIT -1                      | unexpected token: '-1'",
            "SELECT Id FROM Lead LIMIT 1.5                     | unexpected token: '1.5'",
            "SELECT Id FROM Lead LIMIT ten                     | unexpected token: 'ten'",
            "SELECT Id FROM Lead OFFSET 5 LIMIT 1              | unexpected token: 'LIMIT'",
            "SELECT Id FROM Lead GROUP BY Id                   | unexpected token: 'GROUP'",
            "SELECT COUNT(), Id FROM Lead                      | unexpected token: ','",
            "SELECT COUNT(Id) FROM Lead                        | unexpected token: 'Id'",
            "SELECT Id FROM Lead WHERE CreatedDate = LAST_N_DAYS | unexpected token: '<EOF>'",
            "DELETE FROM Lead                                  | unexpected token: 'DELETE'",
    })
    void malformed_queries_fail_with_malformed_query_and_name_the_token(String soql, String reason) {
        assertThatThrownBy(() -> Soql.parse(soql))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void an_empty_query_is_malformed(String soql) {
        assertThatThrownBy(() -> Soql.parse(soql))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY"));
    }

    @Test
    void the_error_message_points_at_row_and_column_like_salesforce() {
        assertThatThrownBy(() -> Soql.parse("SELECT Id\nFORM Lead"))
                .hasMessage("\nFORM Lead\n^\nERROR at Row:2:Column:1\nunexpected token: 'FORM'");
        assertThatThrownBy(() -> Soql.parse("SELECT Id FORM Lead"))
                .hasMessage("\nSELECT Id FORM Lead\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FORM'");
    }

    @Test
    void offset_above_two_thousand_is_out_of_range() {
        assertThat(Soql.parse("SELECT Id FROM Lead OFFSET 2000").offset()).hasValue(2000);
        assertThatThrownBy(() -> Soql.parse("SELECT Id FROM Lead OFFSET 2001"))
                .isInstanceOfSatisfying(SoqlException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("NUMBER_OUTSIDE_VALID_RANGE"));
    }
}
