package io.leadsync.domain.lead;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebUrlTest {

    @ParameterizedTest
    @CsvSource({
            "Acme.com,                          https://acme.com",
            "https://acme.com/,                 https://acme.com",
            "HTTPS://WWW.ACME.COM,              https://www.acme.com",
            "http://acme.com,                   http://acme.com",
            "'  acme.com  ',                    https://acme.com",
            "acme.com:8443/,                    https://acme.com:8443",
            "https://acme.com/About/Team,       https://acme.com/About/Team",
            "https://acme.com/products?id=7,    https://acme.com/products?id=7",
            "https://acme.com/#pricing,         https://acme.com",
    })
    void a_website_is_written_one_way_however_it_was_typed(String typed, String canonical) {
        assertThat(new WebUrl(typed).value()).isEqualTo(canonical);
    }

    @Test
    void the_same_website_typed_two_ways_compares_equal() {
        assertThat(new WebUrl("Acme.com")).isEqualTo(new WebUrl("https://acme.com/"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "ftp://acme.com", "localhost", "https://acme", "https://user:pw@acme.com",
            "mailto:ada@acme.com", "javascript:alert(1)", "https://acme .com", "https://"})
    void addresses_that_are_not_http_websites_with_a_host_are_refused(String typed) {
        assertThatThrownBy(() -> new WebUrl(typed))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("companyWebsite", WebUrl.RULE)));
    }

    @Test
    void a_website_of_255_characters_is_accepted_and_one_more_is_refused() {
        String prefix = "https://acme.com/";
        String longest = prefix + "a".repeat(WebUrl.MAX_LENGTH - prefix.length());
        assertThat(new WebUrl(longest).value()).hasSize(255);

        assertThatThrownBy(() -> new WebUrl(longest + "a")).isInstanceOf(InvalidLeadException.class);
    }

    @Test
    void the_length_limit_applies_to_the_written_form_including_the_added_scheme() {
        String withoutScheme = "acme.com/" + "a".repeat(WebUrl.MAX_LENGTH - "acme.com/".length());
        assertThat(withoutScheme).hasSize(255);

        assertThatThrownBy(() -> new WebUrl(withoutScheme)).isInstanceOf(InvalidLeadException.class);
    }
}
