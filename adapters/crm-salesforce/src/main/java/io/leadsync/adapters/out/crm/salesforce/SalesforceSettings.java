package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.domain.crm.LoginHost;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How this installation talks to Salesforce: its connected app, its login hosts and the API version it pins (never
 * "latest", so a Salesforce release cannot change behaviour under a running sync).
 *
 * @param loginUrl        the production login host, {@code https://login.salesforce.com} (the sandbox in demo mode
 *                        and tests)
 * @param sandboxLoginUrl the sandbox orgs' login host, {@code https://test.salesforce.com}
 * @param redirectUri     LeadSync's OAuth callback, as registered on the connected app
 */
public record SalesforceSettings(URI loginUrl, URI sandboxLoginUrl, String clientId, String clientSecret,
                                 URI redirectUri, String apiVersion, Duration timeout) {
    public static final URI SANDBOX_LOGIN = URI.create("https://test.salesforce.com");

    public SalesforceSettings {
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(sandboxLoginUrl, "sandboxLoginUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(timeout, "timeout");
        if (apiVersion == null || !apiVersion.matches("v\\d{2}\\.0")) {
            throw new IllegalArgumentException("apiVersion must look like v62.0: " + apiVersion);
        }
    }

    /** Settings whose sandbox orgs log in at Salesforce's own {@code test.salesforce.com}. */
    public SalesforceSettings(URI loginUrl, String clientId, String clientSecret, URI redirectUri, String apiVersion,
                              Duration timeout) {
        this(loginUrl, SANDBOX_LOGIN, clientId, clientSecret, redirectUri, apiVersion, timeout);
    }

    /** Where an admin who chose {@code host} logs in, and so where its tokens are issued. */
    URI loginUrl(LoginHost host) {
        return switch (host.kind()) {
            case PRODUCTION -> loginUrl;
            case SANDBOX -> sandboxLoginUrl;
            case MY_DOMAIN -> host.myDomain().orElseThrow();
        };
    }

    @Override
    public String toString() {
        return "SalesforceSettings[" + loginUrl + ", sandbox " + sandboxLoginUrl + ", client " + clientId
                + ", secret ***, " + apiVersion + "]";
    }
}
