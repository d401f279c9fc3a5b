package io.leadsync.adapters.out.crm.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where Salesforce's Web-to-Lead servlet lives ({@code https://webto.salesforce.com}, or the sandbox in demo mode) and
 * how long one request may take.
 */
public record EndpointHttpSettings(URI webToLeadUrl, Duration timeout) {
    public EndpointHttpSettings {
        Objects.requireNonNull(webToLeadUrl, "webToLeadUrl");
        Objects.requireNonNull(timeout, "timeout");
    }
}
