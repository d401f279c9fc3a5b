package io.leadsync.sandbox.salesforce;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each clause of Salesforce's standard Lead/Contact matching equation, and what alone is not a match. */
class StandardMatchingRuleTest {
    /** Ada Lovelace with nothing else; each test adds the fields its clause needs. */
    private static StandardMatchingRule ada(String email, String company, String title, String phone, String street,
                                            String city, String zip) {
        return StandardMatchingRule.of(email, "Ada", "Lovelace", company, title, phone, street, city, zip);
    }

    private static StandardMatchingRule person(String first, String last, String email) {
        return StandardMatchingRule.of(email, first, last, "", "", "", "", "", "");
    }

    @Test
    void names_title_and_company() {
        assertThat(ada("", "Analytical Engines Ltd", "Analyst", "", "", "", "")
                .matches(ada("", "analytical engines", "analyst", "", "", "", ""))).isTrue();
        assertThat(ada("", "Analytical Engines", "Analyst", "", "", "", "")
                .matches(ada("", "Difference Engines", "Analyst", "", "", "", ""))).isFalse();
    }

    @Test
    void names_and_email() {
        assertThat(ada("ada@analytical.example", "", "", "", "", "", "")
                .matches(ada("ADA@analytical.example", "", "", "", "", "", ""))).isTrue();
    }

    @Test
    void the_same_email_under_other_names_is_not_a_match_but_a_blank_name_beside_email_is_ignored() {
        assertThat(person("Ada", "Lovelace", "shared@analytical.example")
                .matches(person("Grace", "Hopper", "shared@analytical.example"))).isFalse();
        assertThat(person("", "Lovelace", "ada@analytical.example")
                .matches(person("Ada", "Lovelace", "ada@analytical.example"))).isTrue();
        assertThat(person("", "", "ada@analytical.example")
                .matches(person("Ada", "Lovelace", "ada@analytical.example"))).isTrue();
    }

    @Test
    void names_phone_and_company_and_names_and_phone_alone() {
        assertThat(ada("", "Analytical", "", "+1 (415) 555-0100", "", "", "")
                .matches(ada("", "Analytical", "", "14155550100", "", "", ""))).isTrue();
        assertThat(ada("", "Analytical", "", "415 555 0100", "", "", "")
                .matches(ada("", "Babbage & Co", "", "4155550100", "", "", ""))).as("phone alone, other company")
                .isTrue();
        assertThat(person("Grace", "Hopper", "").matches(StandardMatchingRule.of("", "Ada", "Lovelace", "", "", "",
                "", "", ""))).isFalse();
    }

    @Test
    void names_street_and_city_or_zip_or_phone() {
        assertThat(ada("", "", "", "", "12 St James's Square", "London", "")
                .matches(ada("", "", "", "", "12 St. James's Square", "london", ""))).isTrue();
        assertThat(ada("", "", "", "", "12 St James's Square", "", "SW1Y 4JH")
                .matches(ada("", "", "", "", "12 St James's Square", "", "sw1y4jh"))).isTrue();
        assertThat(ada("", "", "", "", "12 St James's Square", "London", "")
                .matches(ada("", "", "", "", "12 St James's Square", "Paris", ""))).isFalse();
    }

    @Test
    void names_street_and_title() {
        assertThat(ada("", "", "Analyst", "", "12 St James's Square", "", "")
                .matches(ada("", "", "Analyst", "", "12 St James's Square", "", ""))).isTrue();
    }

    @Test
    void names_title_and_email() {
        assertThat(ada("ada@analytical.example", "", "Analyst", "", "", "", "")
                .matches(ada("ada@analytical.example", "", "Analyst", "", "", "", ""))).isTrue();
    }

    @Test
    void blank_fields_never_match_and_names_alone_are_not_enough() {
        assertThat(ada("", "", "", "", "", "", "").matches(ada("", "", "", "", "", "", ""))).isFalse();
        assertThat(ada("", "Analytical", "", "", "", "", "").matches(ada("", "Analytical", "", "", "", "", "")))
                .as("names and company without title or phone").isFalse();
    }

    @Test
    void first_names_match_by_initial_or_a_name_they_start_and_names_are_tried_transposed() {
        assertThat(StandardMatchingRule.of("", "A.", "Lovelace", "", "", "4155550100", "", "", "")
                .matches(ada("", "", "", "4155550100", "", "", ""))).isTrue();
        assertThat(StandardMatchingRule.of("", "Jon", "Doe", "", "", "4155550100", "", "", "")
                .matches(StandardMatchingRule.of("", "Jonathan", "Doe", "", "", "4155550100", "", "", "")))
                .isTrue();
        assertThat(StandardMatchingRule.of("", "Lovelace", "Ada", "", "", "4155550100", "", "", "")
                .matches(ada("", "", "", "4155550100", "", "", ""))).isTrue();
        StandardMatchingRule stored = StandardMatchingRule.of("", "Ada", "Lovelace", "", "", "", "", "", "");
        assertThat(StandardMatchingRule.of("", "Lovelace", "Ada", "", "", "", "", "", "").lookupKeys())
                .as("the transposed record looks where the stored one is found").containsAnyElementsOf(stored.indexKeys());
        assertThat(StandardMatchingRule.of("", "Ada", "Byron", "", "", "", "", "", "").lookupKeys())
                .as("a shared first name alone is no candidate: the org's Adas are not all compared")
                .doesNotContainAnyElementsOf(stored.indexKeys());
    }
}
