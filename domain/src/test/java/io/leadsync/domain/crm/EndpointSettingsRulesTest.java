package io.leadsync.domain.crm;

import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.outbound.OutboundPolicy;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointSettingsRulesTest {
    private final List<FieldViolation> violations = new ArrayList<>();

    private List<String> fields() {
        return violations.stream().map(FieldViolation::field).toList();
    }

    @Test
    void a_webhook_url_must_be_absolute_http_without_user_or_fragment_and_an_unparsed_loopback_is_refused() {
        OutboundPolicy policy = OutboundPolicy.publicOnly();
        assertThat(EndpointSettingsRules.webhookUrl(Optional.of("https://hooks.example.com/in?k=1"), policy,
                violations)).contains(URI.create("https://hooks.example.com/in?k=1"));
        assertThat(violations).isEmpty();

        for (String bad : List.of("ftp://hooks.example.com/", "https://user@hooks.example.com/", "/relative",
                "https://hooks.example.com/#frag")) {
            assertThat(EndpointSettingsRules.webhookUrl(Optional.of(bad), policy, violations)).as(bad).isEmpty();
        }
        assertThat(EndpointSettingsRules.webhookUrl(Optional.of("http://127.1/"), policy, violations)).isEmpty();
        assertThat(violations.get(violations.size() - 1).rule()).startsWith("must lead to a public internet address");
        assertThat(EndpointSettingsRules.webhookUrl(Optional.empty(), policy, violations)).isEmpty();
        assertThat(violations.get(violations.size() - 1).rule()).startsWith("is required");
        assertThat(fields()).containsOnly("url").hasSize(6);
    }

    @Test
    void headers_ignore_case_and_refuse_reserved_malformed_and_repeated_names_one_violation_each() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("X-Tenant", "acme");
        given.put("x-tenant", "again");
        given.put("Authorization", "Bearer x");
        given.put("Bad Name", "v");
        given.put("X-Line", "a\r\nb");
        Map<String, String> headers = EndpointSettingsRules.headers(given, violations);

        assertThat(headers).containsOnlyKeys("X-Tenant");
        assertThat(fields()).containsExactly("headers/x-tenant", "headers/Authorization", "headers/Bad Name",
                "headers/X-Line");
    }

    @Test
    void a_signing_secret_needs_24_printable_characters_and_a_bearer_token_no_spaces_at_its_ends() {
        EndpointSettingsRules.signingSecret(Optional.of("short"), violations);
        EndpointSettingsRules.signingSecret(Optional.of("a".repeat(24)), violations);
        EndpointSettingsRules.bearerToken(Optional.of(" token"), violations);
        EndpointSettingsRules.bearerToken(Optional.of("token"), violations);
        assertThat(fields()).containsExactly("signingSecret", "bearerToken");
    }

    @Test
    void a_web_to_lead_form_needs_an_org_id_and_posts_to_production_unless_told_otherwise() {
        EndpointSettingsRules.orgId(Optional.empty(), violations);
        EndpointSettingsRules.orgId(Optional.of("001000000000001"), violations);
        EndpointSettingsRules.orgId(Optional.of("00D000000000001"), violations);
        assertThat(fields()).containsExactly("orgId", "orgId");
        violations.clear();

        assertThat(EndpointSettingsRules.formHost(Optional.empty(), Optional.empty(), Set.of(), violations))
                .contains(LoginHost.production());
        assertThat(EndpointSettingsRules.formHost(Optional.of("sandbox"), Optional.empty(), Set.of(), violations))
                .contains(LoginHost.sandbox());
        assertThat(EndpointSettingsRules.formHost(Optional.of("SANDBOX"), Optional.of("https://acme.my.salesforce.com"),
                Set.of(), violations)).isEmpty();
        assertThat(EndpointSettingsRules.formHost(Optional.of("ELSEWHERE"), Optional.empty(), Set.of(), violations))
                .isEmpty();
        assertThat(fields()).containsExactly("myDomainUrl", "loginHost");
    }
}
