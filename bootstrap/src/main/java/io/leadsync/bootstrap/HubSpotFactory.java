package io.leadsync.bootstrap;

import io.leadsync.adapters.out.crm.hubspot.HubSpotSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

/** Turns {@link HubSpotConfiguration} into the adapter's plain settings, only when an app is configured. */
@Factory
final class HubSpotFactory {
    @Singleton
    @Requires(property = "leadsync.hubspot.client-id")
    HubSpotSettings hubSpotSettings(HubSpotConfiguration configuration) {
        if (configuration.clientSecret() == null || configuration.redirectUri() == null) {
            throw new ConfigurationException(
                    "leadsync.hubspot.client-secret and leadsync.hubspot.redirect-uri are required with a client id");
        }
        return new HubSpotSettings(configuration.apiUrl(), configuration.authorizeUrl(), configuration.clientId(),
                configuration.clientSecret(), configuration.redirectUri(), configuration.timeout());
    }
}
