package io.leadsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordValidatorTest {

    private final SObjectSchema lead = SObjectSchema.lead();

    private Map<String, JsonNode> columns(String json) {
        return RecordValidator.columns(lead, f -> true, Json.parse(json.getBytes()), List.of());
    }

    private List<ApiError> insert(String json) {
        return RecordValidator.validate(lead, f -> true, columns(json), null);
    }

    @Test
    void insert_without_last_name_and_company_names_both_missing_fields() {
        assertThat(insert("{\"FirstName\":\"Ada\"}"))
                .containsExactly(ApiError.of("REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName, Company]",
                        List.of("LastName", "Company")));
    }

    @Test
    void empty_text_counts_as_missing() {
        assertThat(insert("{\"LastName\":\"\",\"Company\":\"Acme\"}"))
                .extracting(ApiError::code).containsExactly("REQUIRED_FIELD_MISSING");
    }

    @Test
    void last_name_over_80_characters_is_too_long() {
        String name = "x".repeat(81);

        assertThat(insert("{\"LastName\":\"" + name + "\",\"Company\":\"Acme\"}"))
                .containsExactly(ApiError.of("STRING_TOO_LONG",
                        "Last Name: data value too large: " + name + " (max length=80)", List.of("LastName")));
    }

    @Test
    void malformed_email_is_rejected() {
        assertThat(insert("{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Email\":\"ada-at-example\"}"))
                .containsExactly(ApiError.of("INVALID_EMAIL_ADDRESS", "Email: invalid email address: ada-at-example",
                        List.of("Email")));
    }

    @Test
    void system_fields_cannot_be_written() {
        assertThat(insert("{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"CreatedDate\":\"2026-01-05T09:00:00Z\"}"))
                .extracting(ApiError::code).containsExactly("INVALID_FIELD_FOR_INSERT_UPDATE");
    }

    @Test
    void unknown_column_fails_the_whole_request() {
        assertThatThrownBy(() -> columns("{\"LastName\":\"Doe\",\"Nope__c\":\"x\"}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(ApiError::message)
                            .containsExactly("No such column 'Nope__c' on sobject of type Lead");
                });
    }

    @Test
    void field_names_match_case_insensitively_and_come_back_canonical() {
        assertThat(columns("{\"lastname\":\"Doe\"}")).containsOnlyKeys("LastName");
    }

    @Test
    void a_number_in_a_text_field_is_kept_as_text_but_text_in_a_number_field_is_a_parser_error() {
        assertThat(columns("{\"Phone\":123}").get("Phone").textValue()).isEqualTo("123");
        assertThatThrownBy(() -> columns("{\"NumberOfEmployees\":\"many\"}"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errors().get(0).code()).isEqualTo("JSON_PARSER_ERROR"));
    }
}
