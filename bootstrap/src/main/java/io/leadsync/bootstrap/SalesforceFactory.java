package io.leadsync.bootstrap;

import io.leadsync.adapters.out.crm.salesforce.SalesforceSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

/** Turns {@link SalesforceConfiguration} into the adapter's plain settings, only when a connected app is configured. */
@Factory
final class SalesforceFactory {
    @Singleton
    @Requires(property = "leadsync.salesforce.client-id")
    SalesforceSettings salesforceSettings(SalesforceConfiguration configuration) {
        if (configuration.clientSecret() == null || configuration.redirectUri() == null) {
            throw new ConfigurationException(
                    "leadsync.salesforce.client-secret and leadsync.salesforce.redirect-uri are required with a client id");
        }
        return new SalesforceSettings(configuration.loginUrl(), configuration.sandboxLoginUrl(),
                configuration.clientId(), configuration.clientSecret(), configuration.redirectUri(),
                configuration.apiVersion(), configuration.timeout());
    }
}
