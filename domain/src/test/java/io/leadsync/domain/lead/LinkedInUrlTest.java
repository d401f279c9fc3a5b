package io.leadsync.domain.lead;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkedInUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://www.linkedin.com/in/ada-lovelace",
            "https://www.linkedin.com/in/ada-lovelace/",
            "http://linkedin.com/in/ada-lovelace",
            "linkedin.com/in/ada-lovelace",
            "www.linkedin.com/in/ada-lovelace/?utm_source=share&utm_medium=member_ios",
            "https://uk.linkedin.com/in/ada-lovelace",
            "HTTPS://WWW.LINKEDIN.COM/in/ada-lovelace",
            "https://m.linkedin.com/in/ada-lovelace//",
            "  https://www.linkedin.com/in/ada-lovelace#about  ",
    })
    void the_same_profile_from_a_phone_or_a_desktop_is_one_canonical_address(String pasted) {
        assertThat(new LinkedInUrl(pasted).value()).isEqualTo("https://www.linkedin.com/in/ada-lovelace");
    }

    @Test
    void company_pages_keep_their_path() {
        assertThat(new LinkedInUrl("linkedin.com/company/analytical-engines/").value())
                .isEqualTo("https://www.linkedin.com/company/analytical-engines");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"https://www.linkedin.com", "https://www.linkedin.com/", "https://linkedin.com/?trk=x",
            "https://twitter.com/ada", "https://notlinkedin.com/in/ada", "https://linkedin.com.evil.example/in/ada",
            "https://evil.example/linkedin.com/in/ada", "ftp://linkedin.com/in/ada", "ada lovelace"})
    void anything_but_a_linkedin_page_is_refused_naming_the_linkedin_field(String pasted) {
        assertThatThrownBy(() -> new LinkedInUrl(pasted))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> assertThat(e.violations())
                        .containsExactly(new FieldViolation("linkedinUrl", LinkedInUrl.RULE)));
    }

    @Test
    void the_canonical_address_never_exceeds_the_catalog_length() {
        String path = "/in/" + "a".repeat(WebUrl.MAX_LENGTH - "https://www.linkedin.com/in/".length());
        assertThat(new LinkedInUrl("linkedin.com" + path).value()).hasSize(WebUrl.MAX_LENGTH);

        // Short as typed, but one character too long once written as https://www.linkedin.com/...
        String typed = "linkedin.com" + path + "a";
        assertThat(typed.length()).isLessThan(WebUrl.MAX_LENGTH);
        assertThatThrownBy(() -> new LinkedInUrl(typed)).isInstanceOf(InvalidLeadException.class);
    }
}
