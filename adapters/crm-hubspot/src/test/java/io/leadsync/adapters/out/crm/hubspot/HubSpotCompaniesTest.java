package io.leadsync.adapters.out.crm.hubspot;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HubSpotCompaniesTest {

    @Test
    void a_work_emails_domain_keys_its_company_but_a_free_mail_one_does_not() {
        assertThat(HubSpotCompanies.emailDomain("ada@Analytical.Example")).contains("analytical.example");
        assertThat(HubSpotCompanies.emailDomain("ada@gmail.com")).isEmpty();
        assertThat(HubSpotCompanies.emailDomain("ada@outlook.com")).isEmpty();
        assertThat(HubSpotCompanies.emailDomain("not-an-email")).isEmpty();
    }

    @Test
    void a_contact_is_keyed_by_domain_before_name_so_spellings_of_a_name_share_one_company() {
        HubSpotCompanies.NewContact byDomain = new HubSpotCompanies.NewContact("1", "Analytical Engines Ltd",
                Optional.of("analytical.example"), true);
        HubSpotCompanies.NewContact otherSpelling = new HubSpotCompanies.NewContact("2", "analytical engines",
                Optional.of("analytical.example"), false);
        HubSpotCompanies.NewContact byName = new HubSpotCompanies.NewContact("3", "Globex", Optional.empty(), false);

        assertThat(byDomain.key()).isEqualTo(otherSpelling.key()).isEqualTo("domain:analytical.example");
        assertThat(byName.key()).isEqualTo("name:globex");
        assertThat(HubSpotCompanies.domainOf("https://www.Analytical.example/about")).contains("analytical.example");
    }
}
