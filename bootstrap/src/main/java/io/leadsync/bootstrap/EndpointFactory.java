package io.leadsync.bootstrap;

import io.leadsync.adapters.out.crm.webhook.EndpointHttpSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;

/**
 * Webhooks and Salesforce Web-to-Lead: {@code leadsync.web-to-lead.url} (Salesforce's servlet host; the sandbox in
 * demo mode) and {@code leadsync.webhook.timeout}, how long one delivery request may take.
 */
@Factory
final class EndpointFactory {
    @Singleton
    EndpointHttpSettings endpointHttpSettings(
            @Value("${leadsync.web-to-lead.url:https://webto.salesforce.com}") String webToLeadUrl,
            @Value("${leadsync.webhook.timeout:10s}") Duration timeout) {
        return new EndpointHttpSettings(URI.create(webToLeadUrl), timeout);
    }
}
