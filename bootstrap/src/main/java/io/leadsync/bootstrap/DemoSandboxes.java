package io.leadsync.bootstrap;

import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Demo mode: for each CRM whose app is not configured, LeadSync runs that CRM's sandbox in its own process and points
 * its connection at it, so a new user can connect, log in as {@code admin@acme.example} and watch leads arrive
 * without a Salesforce org or a HubSpot portal. A configured CRM is never replaced by its sandbox.
 */
final class DemoSandboxes implements AutoCloseable {
    static final String SALESFORCE_CLIENT_ID_VARIABLE = "LEADSYNC_SALESFORCE_CLIENT_ID";
    static final String HUBSPOT_CLIENT_ID_VARIABLE = "LEADSYNC_HUBSPOT_CLIENT_ID";
    static final String SALESFORCE_PORT_VARIABLE = "LEADSYNC_SANDBOX_PORT";
    static final String HUBSPOT_PORT_VARIABLE = "LEADSYNC_HUBSPOT_SANDBOX_PORT";
    static final int DEFAULT_SALESFORCE_PORT = 8090;
    static final int DEFAULT_HUBSPOT_PORT = 8091;
    private static final Logger LOG = LoggerFactory.getLogger(DemoSandboxes.class);

    private final Optional<SalesforceSandbox> salesforce;
    private final Optional<HubSpotSandbox> hubspot;

    private DemoSandboxes(Optional<SalesforceSandbox> salesforce, Optional<HubSpotSandbox> hubspot) {
        this.salesforce = salesforce;
        this.hubspot = hubspot;
    }

    /** Starts the sandbox of every CRM without a configured app (by variable or system property); none if all are. */
    static Optional<DemoSandboxes> startForUnconfigured(Map<String, String> environment) {
        Optional<SalesforceSandbox> salesforce = Optional.empty();
        Optional<HubSpotSandbox> hubspot = Optional.empty();
        try {
            if (!configured(environment, SALESFORCE_CLIENT_ID_VARIABLE, "leadsync.salesforce.client-id")) {
                salesforce = Optional.of(SalesforceSandbox.start(port(environment, SALESFORCE_PORT_VARIABLE,
                        DEFAULT_SALESFORCE_PORT)));
                LOG.info("Demo mode: the Salesforce sandbox (org Acme Corp) runs at {} (log in as admin@acme.example, "
                        + "password sandbox)", salesforce.get().baseUrl());
            }
            if (!configured(environment, HUBSPOT_CLIENT_ID_VARIABLE, "leadsync.hubspot.client-id")) {
                hubspot = Optional.of(HubSpotSandbox.start(port(environment, HUBSPOT_PORT_VARIABLE,
                        DEFAULT_HUBSPOT_PORT)));
                LOG.info("Demo mode: the HubSpot sandbox (portal Acme HubSpot) runs at {} (log in as "
                        + "admin@acme.example, password sandbox)", hubspot.get().baseUrl());
            }
        } catch (RuntimeException e) {
            salesforce.ifPresent(SalesforceSandbox::close);
            throw e;
        }
        if (salesforce.isEmpty() && hubspot.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DemoSandboxes(salesforce, hubspot));
    }

    private static boolean configured(Map<String, String> environment, String variable, String property) {
        return environment.containsKey(variable) || System.getProperty(property) != null;
    }

    private static int port(Map<String, String> environment, String variable, int fallback) {
        return Integer.parseInt(environment.getOrDefault(variable, Integer.toString(fallback)));
    }

    /** LeadSync's CRM settings pointing at the sandboxes, with the OAuth callback on LeadSync's own port. */
    Map<String, Object> properties(int leadSyncPort) {
        String callback = "http://localhost:" + leadSyncPort + "/oauth/callback";
        Map<String, Object> properties = new HashMap<>();
        salesforce.ifPresent(sandbox -> {
            properties.put("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID);
            properties.put("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET);
            properties.put("leadsync.salesforce.login-url", sandbox.baseUrl());
            properties.put("leadsync.salesforce.sandbox-login-url", sandbox.sandboxLoginUrl());
            properties.put("leadsync.salesforce.my-domains", sandbox.myDomainUrl());
            properties.put("leadsync.salesforce.redirect-uri", callback);
            properties.put("leadsync.demo.salesforce-url", sandbox.baseUrl());
            properties.put("leadsync.web-to-lead.url", sandbox.baseUrl());
            properties.put("leadsync.web-to-lead.sandbox-url", sandbox.sandboxLoginUrl());
        });
        hubspot.ifPresent(sandbox -> {
            properties.put("leadsync.hubspot.client-id", HubSpotSandbox.CLIENT_ID);
            properties.put("leadsync.hubspot.client-secret", HubSpotSandbox.CLIENT_SECRET);
            properties.put("leadsync.hubspot.api-url", sandbox.baseUrl());
            properties.put("leadsync.hubspot.authorize-url", sandbox.baseUrl() + "/oauth/authorize");
            properties.put("leadsync.hubspot.redirect-uri", callback);
            properties.put("leadsync.demo.hubspot-url", sandbox.baseUrl());
        });
        return properties;
    }

    @Override
    public void close() {
        salesforce.ifPresent(SalesforceSandbox::close);
        hubspot.ifPresent(HubSpotSandbox::close);
    }
}
