package io.leadsync.domain.crm;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginHostTest {
    @Test
    void a_my_domain_is_kept_as_its_lower_case_https_origin() {
        assertThat(LoginHost.myDomain("https://Acme.my.salesforce.com/", Set.of()).myDomain())
                .contains(URI.create("https://acme.my.salesforce.com"));
        assertThat(LoginHost.myDomain("https://acme--uat.sandbox.my.salesforce.com", Set.of()).myDomain())
                .contains(URI.create("https://acme--uat.sandbox.my.salesforce.com"));
    }

    @Test
    void anything_but_https_under_my_salesforce_com_is_refused_with_the_rule() {
        for (String bad : List.of("http://acme.my.salesforce.com", "https://my.salesforce.com",
                "https://acme.my.salesforce.com.evil.example", "https://acme.my.salesforce.com:8443",
                "https://user@acme.my.salesforce.com", "https://acme.my.salesforce.com/?x=1", "acme", "")) {
            assertThatThrownBy(() -> LoginHost.myDomain(bad, Set.of())).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(LoginHost.MY_DOMAIN_RULE);
        }
    }

    @Test
    void an_origin_the_installation_accepts_is_taken_as_it_is() {
        assertThat(LoginHost.myDomain("http://localhost:4711", Set.of("http://localhost:4711")).myDomain())
                .contains(URI.create("http://localhost:4711"));
        assertThatThrownBy(() -> LoginHost.myDomain("http://localhost:4712", Set.of("http://localhost:4711")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void only_a_my_domain_host_carries_a_url() {
        assertThatThrownBy(() -> new LoginHost(LoginHost.Kind.SANDBOX, Optional.of(URI.create("https://x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LoginHost.sandbox().myDomain()).isEmpty();
    }
}
