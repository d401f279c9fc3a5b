package io.leadsync.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;

/**
 * The HubSpot public app ({@code leadsync.hubspot.*}). Without a client id no HubSpot connection can be made, except in
 * demo mode, where LeadSync runs the HubSpot sandbox and points this at it.
 */
@ConfigurationProperties("leadsync.hubspot")
record HubSpotConfiguration(@Nullable String clientId, @Nullable String clientSecret,
                            @Bindable(defaultValue = "https://api.hubapi.com") URI apiUrl,
                            @Bindable(defaultValue = "https://app.hubspot.com/oauth/authorize") URI authorizeUrl,
                            @Nullable URI redirectUri,
                            @Bindable(defaultValue = "30s") Duration timeout) {
    /** Micronaut logs configuration beans at debug level: the secret must not be in their text. */
    @Override
    public String toString() {
        return "HubSpotConfiguration[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "***")
                + ", apiUrl=" + apiUrl + ", authorizeUrl=" + authorizeUrl + ", redirectUri=" + redirectUri + "]";
    }
}
