package io.leadsync.adapters.out.crm.hubspot;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How this installation talks to HubSpot: its public app and where HubSpot lives.
 *
 * @param apiUrl       {@code https://api.hubapi.com}, or the sandbox in demo mode and tests
 * @param authorizeUrl the page admins log in and consent on, {@code https://app.hubspot.com/oauth/authorize}
 * @param redirectUri  LeadSync's OAuth callback, as registered on the app
 */
public record HubSpotSettings(URI apiUrl, URI authorizeUrl, String clientId, String clientSecret, URI redirectUri,
                              Duration timeout) {
    /**
     * Contacts read and write to upsert, schemas to create the properties, companies for associations, {@code oauth}
     * for the token information that names the portal and the user.
     */
    static final String SCOPES = "oauth crm.objects.contacts.read crm.objects.contacts.write crm.schemas.contacts.read "
            + "crm.schemas.contacts.write crm.objects.companies.read crm.objects.companies.write";

    public HubSpotSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String toString() {
        return "HubSpotSettings[" + apiUrl + ", client " + clientId + ", secret ***]";
    }
}
