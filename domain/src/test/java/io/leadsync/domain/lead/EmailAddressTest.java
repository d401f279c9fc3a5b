package io.leadsync.domain.lead;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressTest {

    @Test
    void two_spellings_of_one_address_are_the_same_address() {
        assertThat(new EmailAddress("  Ada.Lovelace@Analytical.EXAMPLE \t"))
                .isEqualTo(new EmailAddress("ada.lovelace@analytical.example"));
        assertThat(new EmailAddress(" Ada@Acme.COM ").value()).isEqualTo("ada@acme.com");
    }

    @Test
    void domain_is_the_part_after_the_at_sign() {
        assertThat(new EmailAddress("ada@mail.acme.com").domain()).isEqualTo("mail.acme.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada+crm@acme.com", "o'brien@acme.co.uk", "first.last@sub-domain.acme.io", "a@b.cd"})
    void ordinary_work_addresses_are_accepted_unchanged(String address) {
        assertThat(new EmailAddress(address).value()).isEqualTo(address);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "ada", "ada@", "@acme.com", "ada@acme", "ada@@acme.com", "ada lovelace@acme.com",
            "\"ada\"@acme.com", "ada..lovelace@acme.com", ".ada@acme.com", "ada@-acme.com", "ada@acme.c",
            "ada@acme.com.", "ada@acme..com", "mailto:ada@acme.com"})
    void malformed_addresses_are_refused_naming_the_work_email_field(String address) {
        assertThatThrownBy(() -> new EmailAddress(address))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("workEmail", EmailAddress.RULE)));
    }

    @Test
    void an_address_of_eighty_characters_is_accepted_and_one_more_is_refused() {
        String domain = "@acme.com";
        String longest = "a".repeat(EmailAddress.MAX_LENGTH - domain.length()) + domain;
        assertThat(longest).hasSize(80);
        assertThat(new EmailAddress(longest).value()).isEqualTo(longest);

        assertThatThrownBy(() -> new EmailAddress("a" + longest)).isInstanceOf(InvalidLeadException.class);
    }

    @Test
    void surrounding_whitespace_does_not_count_towards_the_length_limit() {
        String longest = "a".repeat(71) + "@acme.com";
        assertThat(new EmailAddress("   " + longest + "   ").value()).isEqualTo(longest);
    }

    @Test
    void the_rule_tells_the_sender_the_limit() {
        assertThat(EmailAddress.RULE).contains("80");
    }
}
