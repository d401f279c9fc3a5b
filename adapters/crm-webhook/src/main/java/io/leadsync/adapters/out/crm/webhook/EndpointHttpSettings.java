package io.leadsync.adapters.out.crm.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Where Salesforce's Web-to-Lead servlet lives for production orgs ({@code https://webto.salesforce.com}) and for
 * sandbox orgs ({@code https://test.salesforce.com}), the sandbox in demo mode, and how long one request may take. A
 * My Domain form posts to the org's own My Domain, which the connection keeps.
 *
 * @param trustedMyDomains My Domain origins the operator listed ({@code leadsync.salesforce.my-domains}: demo mode's
 *                         sandbox, a government cloud's domain), trusted like the servlet hosts; any other My Domain
 *                         is the admin's to type and goes through the outbound policy
 */
public record EndpointHttpSettings(URI webToLeadUrl, URI sandboxWebToLeadUrl, Set<String> trustedMyDomains,
                                   Duration timeout) {
    public static final URI SANDBOX_WEB_TO_LEAD = URI.create("https://test.salesforce.com");

    public EndpointHttpSettings {
        Objects.requireNonNull(webToLeadUrl, "webToLeadUrl");
        Objects.requireNonNull(sandboxWebToLeadUrl, "sandboxWebToLeadUrl");
        trustedMyDomains = Set.copyOf(trustedMyDomains);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Sandbox orgs' forms post to Salesforce's own {@code test.salesforce.com}; no My Domain is trusted. */
    public EndpointHttpSettings(URI webToLeadUrl, Duration timeout) {
        this(webToLeadUrl, SANDBOX_WEB_TO_LEAD, Set.of(), timeout);
    }
}
