package io.leadsync.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;

/**
 * The Salesforce connected app ({@code leadsync.salesforce.*}). Without a client id no Salesforce connection can be
 * made, except in demo mode, where LeadSync runs the Salesforce sandbox and points this at it.
 */
@ConfigurationProperties("leadsync.salesforce")
record SalesforceConfiguration(@Nullable String clientId, @Nullable String clientSecret,
                               @Bindable(defaultValue = "https://login.salesforce.com") URI loginUrl,
                               @Nullable URI redirectUri,
                               @Bindable(defaultValue = "v62.0") String apiVersion,
                               @Bindable(defaultValue = "30s") Duration timeout) {
    /** Micronaut logs configuration beans at debug level: the secret must not be in their text. */
    @Override
    public String toString() {
        return "SalesforceConfiguration[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "***")
                + ", loginUrl=" + loginUrl + ", redirectUri=" + redirectUri + ", apiVersion=" + apiVersion + "]";
    }
}
