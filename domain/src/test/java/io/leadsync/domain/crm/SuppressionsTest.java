package io.leadsync.domain.crm;

import io.leadsync.domain.lead.EmailAddress;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SuppressionsTest {
    private final Suppressions list = new Suppressions(Set.of("Ceo@Client.example"), Set.of("Competitor.example"));

    @Test
    void a_listed_email_is_suppressed_whatever_its_case() {
        assertThat(list.reasonFor(new EmailAddress("ceo@client.example")))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("suppressed").contains("ceo@client.example"));
        assertThat(list.reasonFor(new EmailAddress("cfo@client.example"))).isEmpty();
    }

    @Test
    void a_listed_domain_suppresses_its_subdomains_but_not_lookalikes() {
        assertThat(list.reasonFor(new EmailAddress("a@competitor.example"))).isPresent();
        assertThat(list.reasonFor(new EmailAddress("a@eu.competitor.example")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("domain competitor.example"));
        assertThat(list.reasonFor(new EmailAddress("a@notcompetitor.example"))).isEmpty();
    }

    @Test
    void a_listed_domain_is_a_domain_name_with_or_without_an_at_sign() {
        org.assertj.core.api.Assertions.assertThat(Suppressions.isDomain("competitor.example")).isTrue();
        org.assertj.core.api.Assertions.assertThat(Suppressions.isDomain("@eu.competitor.example")).isTrue();
        org.assertj.core.api.Assertions.assertThat(Suppressions.isDomain("localhost")).isFalse();
        org.assertj.core.api.Assertions.assertThat(Suppressions.isDomain("-bad-.example")).isFalse();
        org.assertj.core.api.Assertions.assertThat(Suppressions.isDomain("a".repeat(250) + ".example")).isFalse();
        org.assertj.core.api.Assertions.assertThat(Suppressions.withoutAt("@x.example")).isEqualTo("x.example");
    }
}
