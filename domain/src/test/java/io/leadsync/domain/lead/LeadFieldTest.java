package io.leadsync.domain.lead;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadFieldTest {

    @ParameterizedTest
    @EnumSource(LeadField.class)
    void a_missing_or_blank_value_clears_any_field(LeadField field) {
        assertThat(field.normalise(null)).isEmpty();
        assertThat(field.normalise("")).isEmpty();
        assertThat(field.normalise(" \t\n ")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(LeadField.class)
    void every_field_is_found_by_its_api_name(LeadField field) {
        assertThat(LeadField.byApiName(field.apiName())).contains(field);
    }

    @Test
    void api_names_are_unique_and_unknown_names_find_nothing() {
        assertThat(Arrays.stream(LeadField.values()).map(LeadField::apiName)).doesNotHaveDuplicates();
        assertThat(LeadField.byApiName("email")).isEmpty();
        assertThat(LeadField.byApiName("WORKEMAIL")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "firstName,   40",
            "lastName,    80",
            "jobTitle,    128",
            "companyName, 255",
            "industry,    100",
            "city,        40",
            "leadSource,  100",
            "about,       32000",
    })
    void text_fields_take_up_to_the_catalog_length_and_refuse_one_more_character(String apiName, int length) {
        LeadField field = LeadField.byApiName(apiName).orElseThrow();
        assertThat(field.maxLength()).isEqualTo(length);

        assertThat(field.normalise("x".repeat(length))).contains("x".repeat(length));
        assertThatThrownBy(() -> field.normalise("x".repeat(length + 1)))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation(apiName, field.rule())));
    }

    @Test
    void the_text_rule_tells_the_sender_the_limit() {
        assertThat(LeadField.JOB_TITLE.rule()).contains("128");
        assertThat(LeadField.ABOUT.rule()).contains("32000");
    }

    @Test
    void text_is_trimmed_and_surrounding_whitespace_does_not_count_towards_the_limit() {
        assertThat(LeadField.FIRST_NAME.normalise("  Ada  ")).contains("Ada");
        assertThat(LeadField.CITY.normalise(" " + "x".repeat(40) + "\n")).contains("x".repeat(40));
    }

    @Test
    void one_line_text_refuses_line_breaks_tabs_and_control_characters() {
        for (String bad : new String[] {"Ada\nLovelace", "Ada\tLovelace", "Ada\rLovelace", "Ada\u0000", "Ada\u0007x"}) {
            assertThatThrownBy(() -> LeadField.LAST_NAME.normalise(bad))
                    .as(bad.replace("\n", "\\n"))
                    .isInstanceOf(InvalidLeadException.class);
        }
    }

    @Test
    void long_text_keeps_line_breaks_and_tabs_but_refuses_other_control_characters() {
        assertThat(LeadField.ABOUT.normalise("  Headline\n\n\tLikes engines\r\n  "))
                .contains("Headline\n\n\tLikes engines");
        assertThatThrownBy(() -> LeadField.ABOUT.normalise("bell\u0007")).isInstanceOf(InvalidLeadException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "workEmail,       ' Ada@Acme.COM ',                    ada@acme.com",
            "companyWebsite,  Acme.com/,                           https://acme.com",
            "linkedinUrl,     linkedin.com/in/ada/?trk=x,          https://www.linkedin.com/in/ada",
            "mobilePhone,     '+1 (415) 555-0100',                 +14155550100",
            "outreachScore,   ' 42 ',                              42",
            "aiScore,         007,                                 7",
            "outreachScore,   0,                                   0",
            "aiScore,         100,                                 100",
            "visitCount,      0,                                   0",
            "visitCount,      0012,                                12",
            "visitCount,      2147483647,                          2147483647",
            "isDql,           TRUE,                                true",
            "isDql,           ' False ',                           false",
            "lastVisitAt,     2026-01-31T09:30:00Z,                2026-01-31T09:30:00Z",
            "lastVisitAt,     2026-01-31T10:30:00+01:00,           2026-01-31T09:30:00Z",
            "lastVisitAt,     2026-01-31T09:30:00.123456789-00:00, 2026-01-31T09:30:00.123Z",
            "lastVisitAt,     2026-01-31T09:30:00.100Z,            2026-01-31T09:30:00.100Z",
            "status,          qualified,                           QUALIFIED",
            "status,          Meeting_Booked,                      MEETING_BOOKED",
            "engagementLevel, high,                                HIGH",
            "engagementLevel, ' none ',                            NONE",
            "leadId,          ' lead-1 ',                          lead-1",
            "agentId,         agent-7,                             agent-7",
    })
    void each_field_type_writes_its_values_in_one_canonical_form(String apiName, String raw, String canonical) {
        LeadField field = LeadField.byApiName(apiName).orElseThrow();
        assertThat(field.normalise(raw)).contains(canonical);
    }

    @ParameterizedTest
    @CsvSource({
            "workEmail,       ada-at-acme.com",
            "companyWebsite,  ftp://acme.com",
            "linkedinUrl,     https://twitter.com/ada",
            "mobilePhone,     12345",
            "outreachScore,   101",
            "outreachScore,   -1",
            "aiScore,         42.5",
            "aiScore,         forty",
            "visitCount,      -1",
            "visitCount,      2147483648",
            "visitCount,      1e3",
            "isDql,           yes",
            "isDql,           1",
            "lastVisitAt,     2026-01-31T09:30:00",
            "lastVisitAt,     2026-01-31",
            "lastVisitAt,     yesterday",
            "lastVisitAt,     2026-02-30T09:30:00Z",
            "status,          meeting booked",
            "status,          WON",
            "engagementLevel, VERY_HIGH",
            "leadId,          lead/1",
            "agentId,         agent 7",
    })
    void a_bad_value_is_refused_naming_the_field_and_its_rule(String apiName, String raw) {
        LeadField field = LeadField.byApiName(apiName).orElseThrow();
        assertThatThrownBy(() -> field.normalise(raw))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation(apiName, field.rule())));
    }

    @Test
    void enum_rules_list_the_allowed_values() {
        assertThat(LeadField.STATUS.rule()).contains("MEETING_BOOKED", "DISQUALIFIED");
        assertThat(LeadField.ENGAGEMENT_LEVEL.rule()).contains("NONE", "LOW", "MEDIUM", "HIGH");
    }

    @Test
    void an_instant_is_written_as_normalise_would_write_it() {
        Instant instant = Instant.parse("2026-01-31T09:30:00.123456Z");
        assertThat(LeadField.canonicalInstant(instant)).isEqualTo("2026-01-31T09:30:00.123Z");
        assertThat(LeadField.LAST_VISIT.normalise(instant.toString())).contains(LeadField.canonicalInstant(instant));
    }

    @ParameterizedTest
    @CsvSource({
            "lastVisitAt, +10000-01-31T09:30:00.123Z",
            "visitCount,  +02147483647",
    })
    void no_accepted_value_is_longer_than_the_catalog_length(String apiName, String raw) {
        LeadField field = LeadField.byApiName(apiName).orElseThrow();
        Optional<String> canonical;
        try {
            canonical = field.normalise(raw);
        } catch (InvalidLeadException refused) {
            return;
        }
        assertThat(canonical).hasValueSatisfying(value -> assertThat(value.length())
                .isLessThanOrEqualTo(field.maxLength()));
    }

    @Test
    void fields_carry_the_json_type_their_values_travel_as() {
        assertThat(LeadField.OUTREACH_SCORE.type().jsonKind()).isEqualTo(FieldType.JsonKind.INTEGER);
        assertThat(LeadField.VISIT_COUNT.type().jsonKind()).isEqualTo(FieldType.JsonKind.INTEGER);
        assertThat(LeadField.IS_DQL.type().jsonKind()).isEqualTo(FieldType.JsonKind.BOOLEAN);
        assertThat(LeadField.LAST_VISIT.type().jsonKind()).isEqualTo(FieldType.JsonKind.STRING);
        assertThat(LeadField.WORK_EMAIL.type().jsonKind()).isEqualTo(FieldType.JsonKind.STRING);
    }
}
