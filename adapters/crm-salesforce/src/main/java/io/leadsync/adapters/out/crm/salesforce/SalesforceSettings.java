package io.leadsync.adapters.out.crm.salesforce;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How this installation talks to Salesforce: its connected app and the API version it pins (never "latest", so a
 * Salesforce release cannot change behaviour under a running sync).
 *
 * @param loginUrl    {@code https://login.salesforce.com}, {@code https://test.salesforce.com}, a My Domain, or the
 *                    sandbox in demo mode and tests
 * @param redirectUri LeadSync's OAuth callback, as registered on the connected app
 */
public record SalesforceSettings(URI loginUrl, String clientId, String clientSecret, URI redirectUri,
                                 String apiVersion, Duration timeout) {
    public SalesforceSettings {
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(timeout, "timeout");
        if (apiVersion == null || !apiVersion.matches("v\\d{2}\\.0")) {
            throw new IllegalArgumentException("apiVersion must look like v62.0: " + apiVersion);
        }
    }

    @Override
    public String toString() {
        return "SalesforceSettings[" + loginUrl + ", client " + clientId + ", secret ***, " + apiVersion + "]";
    }
}
