package io.leadsync.bootstrap;

import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Demo mode: when no Salesforce connected app is configured, LeadSync runs the Salesforce sandbox in its own process
 * and points its Salesforce connection at it, so a new user can connect, log in as {@code admin@acme.example} and
 * watch leads arrive without a Salesforce account.
 */
final class DemoSalesforce implements AutoCloseable {
    static final String CLIENT_ID_VARIABLE = "LEADSYNC_SALESFORCE_CLIENT_ID";
    static final String PORT_VARIABLE = "LEADSYNC_SANDBOX_PORT";
    static final int DEFAULT_PORT = 8090;
    private static final Logger LOG = LoggerFactory.getLogger(DemoSalesforce.class);

    private final SalesforceSandbox sandbox;

    private DemoSalesforce(SalesforceSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Starts the sandbox unless a real connected app is configured (by variable or system property). */
    static Optional<DemoSalesforce> startUnlessConfigured(Map<String, String> environment) {
        if (environment.containsKey(CLIENT_ID_VARIABLE) || System.getProperty("leadsync.salesforce.client-id") != null) {
            return Optional.empty();
        }
        int port = Integer.parseInt(environment.getOrDefault(PORT_VARIABLE, Integer.toString(DEFAULT_PORT)));
        SalesforceSandbox sandbox = SalesforceSandbox.start(port);
        LOG.info("Demo mode: the Salesforce sandbox runs at {} (log in as admin@acme.example, password sandbox)",
                sandbox.baseUrl());
        return Optional.of(new DemoSalesforce(sandbox));
    }

    /** LeadSync's Salesforce settings pointing at the sandbox, with the OAuth callback on LeadSync's own port. */
    Map<String, Object> properties(int leadSyncPort) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID);
        properties.put("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET);
        properties.put("leadsync.salesforce.login-url", sandbox.baseUrl());
        properties.put("leadsync.salesforce.redirect-uri", "http://localhost:" + leadSyncPort + "/oauth/callback");
        properties.put("leadsync.demo.salesforce-url", sandbox.baseUrl());
        return properties;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
