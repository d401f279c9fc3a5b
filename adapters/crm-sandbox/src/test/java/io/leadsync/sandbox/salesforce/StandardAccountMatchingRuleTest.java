package io.leadsync.sandbox.salesforce;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Standard Account Matching Rule: a name alike plus one of street, city and ZIP, phone, website. */
class StandardAccountMatchingRuleTest {
    private static StandardAccountMatchingRule acme(String street, String city, String zip, String phone,
                                                    String website) {
        return StandardAccountMatchingRule.of("Acme, Inc.", street, city, zip, phone, website);
    }

    @Test
    void name_and_billing_street() {
        assertThat(acme("1 Market St.", "", "", "", "").matches(StandardAccountMatchingRule.of("ACME", "1 Market St",
                "", "", "", ""))).isTrue();
    }

    @Test
    void name_city_and_zip_but_not_the_city_alone() {
        assertThat(acme("", "San Francisco", "94105", "", "").matches(acme("", "san francisco", "94105", "", "")))
                .isTrue();
        assertThat(acme("", "San Francisco", "", "", "").matches(acme("", "San Francisco", "", "", ""))).isFalse();
    }

    @Test
    void name_and_phone() {
        assertThat(acme("", "", "", "+1 415 555 0100", "").matches(acme("", "", "", "(415) 555-0100", "")))
                .as("digits differ by the country code").isFalse();
        assertThat(acme("", "", "", "415 555 0100", "").matches(acme("", "", "", "(415) 555-0100", ""))).isTrue();
    }

    @Test
    void name_and_website_domain() {
        assertThat(acme("", "", "", "", "https://www.acme.example/about").matches(acme("", "", "", "",
                "acme.example"))).isTrue();
    }

    @Test
    void a_name_alone_or_another_name_never_matches() {
        assertThat(acme("", "", "", "", "").matches(acme("", "", "", "", ""))).isFalse();
        assertThat(acme("1 Market St", "", "", "", "").matches(StandardAccountMatchingRule.of("Initech",
                "1 Market St", "", "", "", ""))).isFalse();
    }
}
