package io.leadsync.adapters.out.crm.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where Salesforce's Web-to-Lead servlet lives for production orgs ({@code https://webto.salesforce.com}) and for
 * sandbox orgs ({@code https://test.salesforce.com}), the sandbox in demo mode, and how long one request may take. A
 * My Domain form posts to the org's own My Domain, which the connection keeps.
 */
public record EndpointHttpSettings(URI webToLeadUrl, URI sandboxWebToLeadUrl, Duration timeout) {
    public static final URI SANDBOX_WEB_TO_LEAD = URI.create("https://test.salesforce.com");

    public EndpointHttpSettings {
        Objects.requireNonNull(webToLeadUrl, "webToLeadUrl");
        Objects.requireNonNull(sandboxWebToLeadUrl, "sandboxWebToLeadUrl");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Sandbox orgs' forms post to Salesforce's own {@code test.salesforce.com}. */
    public EndpointHttpSettings(URI webToLeadUrl, Duration timeout) {
        this(webToLeadUrl, SANDBOX_WEB_TO_LEAD, timeout);
    }
}
