package io.leadsync.bootstrap;

import io.leadsync.adapters.out.crm.webhook.EndpointHttpSettings;
import io.leadsync.application.port.out.HostResolver;
import io.leadsync.domain.outbound.AddressRange;
import io.leadsync.domain.outbound.OutboundPolicy;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Webhooks and Salesforce Web-to-Lead: {@code leadsync.web-to-lead.url} (Salesforce's servlet host for production
 * orgs; the sandbox in demo mode), {@code leadsync.web-to-lead.sandbox-url} (sandbox orgs' forms) and {@code leadsync.webhook.timeout}, how long one delivery request may take; and the outbound-address
 * policy every request to a customer's URL obeys (ADR 0042): {@code leadsync.outbound.allowed-hosts} and
 * {@code leadsync.outbound.allowed-ranges} name what an operator trusts besides public addresses.
 */
@Factory
final class EndpointFactory {
    @Singleton
    EndpointHttpSettings endpointHttpSettings(
            @Value("${leadsync.web-to-lead.url:https://webto.salesforce.com}") String webToLeadUrl,
            @Value("${leadsync.web-to-lead.sandbox-url:https://test.salesforce.com}") String sandboxWebToLeadUrl,
            @Value("${leadsync.webhook.timeout:10s}") Duration timeout, SalesforceConfiguration salesforce) {
        return new EndpointHttpSettings(URI.create(webToLeadUrl), URI.create(sandboxWebToLeadUrl),
                salesforce.acceptedMyDomains(), timeout);
    }

    @Singleton
    OutboundPolicy outboundPolicy(@Value("${leadsync.outbound.allowed-hosts:}") List<String> hosts,
                                  @Value("${leadsync.outbound.allowed-ranges:}") List<String> ranges) {
        try {
            return new OutboundPolicy(new LinkedHashSet<>(hosts.stream().map(String::strip)
                    .filter(host -> !host.isEmpty()).toList()), ranges.stream().map(String::strip)
                    .filter(range -> !range.isEmpty())
                    .map(range -> AddressRange.parse(range, "allowed by leadsync.outbound.allowed-ranges")).toList());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("leadsync.outbound.allowed-ranges: " + e.getMessage(), e);
        }
    }

    /** The system's DNS; {@link Secondary} so a test can register a resolver it controls (a rebinding one, say). */
    @Singleton
    @Secondary
    HostResolver hostResolver() {
        return host -> {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (UnknownHostException | SecurityException e) {
                return List.of();
            }
        };
    }
}
