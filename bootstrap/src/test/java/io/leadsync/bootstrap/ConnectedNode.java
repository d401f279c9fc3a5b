package io.leadsync.bootstrap;

import io.leadsync.sandbox.hubspot.HubSpotBrowser;
import io.leadsync.sandbox.hubspot.HubSpotSandbox;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import io.leadsync.sandbox.salesforce.SandboxBrowser;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running LeadSync with the background push on and both sandbox CRMs connected in one workspace through OAuth, in
 * REALTIME: the set-up the end-to-end ITs repeat, in one place for the new ones. Also reads what each CRM holds.
 */
final class ConnectedNode implements AutoCloseable {
    final SalesforceSandbox salesforce;
    final HubSpotSandbox hubspot;
    final RunningLeadSync leadSync;
    final AdminApi api;
    final String key;
    final String toSalesforce;
    final String toHubSpot;

    private ConnectedNode(SalesforceSandbox salesforce, HubSpotSandbox hubspot, RunningLeadSync leadSync)
            throws Exception {
        this.salesforce = salesforce;
        this.hubspot = hubspot;
        this.leadSync = leadSync;
        this.api = new AdminApi(leadSync);
        this.key = api.workspaceKey("Acme");
        this.toSalesforce = connect("SALESFORCE");
        this.toHubSpot = connect("HUBSPOT");
        for (String connection : List.of(toSalesforce, toHubSpot)) {
            api.realtime(key, connection);
        }
    }

    /** @param extra more properties for LeadSync, beside the sandboxes' and the worker's */
    static ConnectedNode start(Path home, Map<String, Object> extra) throws Exception {
        SalesforceSandbox salesforce = SalesforceSandbox.start(0);
        HubSpotSandbox hubspot = HubSpotSandbox.start(0);
        Map<String, Object> properties = new HashMap<>(Map.ofEntries(
                Map.entry("leadsync.first-start.enabled", false),
                Map.entry("leadsync.sync.worker.enabled", true),
                Map.entry("leadsync.sync.worker.interval", "200ms"),
                Map.entry("leadsync.salesforce.client-id", SalesforceSandbox.CLIENT_ID),
                Map.entry("leadsync.salesforce.client-secret", SalesforceSandbox.CLIENT_SECRET),
                Map.entry("leadsync.salesforce.login-url", salesforce.baseUrl()),
                Map.entry("leadsync.salesforce.redirect-uri", "http://localhost:9/oauth/callback"),
                Map.entry("leadsync.hubspot.client-id", HubSpotSandbox.CLIENT_ID),
                Map.entry("leadsync.hubspot.client-secret", HubSpotSandbox.CLIENT_SECRET),
                Map.entry("leadsync.hubspot.api-url", hubspot.baseUrl()),
                Map.entry("leadsync.hubspot.authorize-url", hubspot.baseUrl() + "/oauth/authorize"),
                Map.entry("leadsync.hubspot.redirect-uri", "http://localhost:9/oauth/callback")));
        properties.putAll(extra);
        return new ConnectedNode(salesforce, hubspot, RunningLeadSync.start(home, properties));
    }

    private String connect(String kind) throws Exception {
        HttpResponse<String> started = api.send(key, "POST", "/api/admin/v1/connections", "{\"kind\":\"" + kind + "\"}");
        URI authorize = URI.create(AdminApi.field(started.body(), "authorizeUrl"));
        URI redirect = kind.equals("SALESFORCE")
                ? new SandboxBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true)
                : new HubSpotBrowser().logInAndConsent(authorize, "admin@acme.example", "sandbox", true);
        assertThat(api.callback(redirect).statusCode()).isEqualTo(200);
        return AdminApi.field(started.body(), "connectionId");
    }

    long count(String sql) throws Exception {
        try (java.sql.Connection connection = leadSync.openDatabaseConnection();
             java.sql.ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** How many Salesforce Leads carry this lead id: 1 once delivered, never more. */
    long inSalesforce(String leadId) {
        return salesforce.records("Lead").stream().filter(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")))
                .count();
    }

    Map<String, Object> salesforceLead(String leadId) {
        return salesforce.records("Lead").stream().filter(lead -> leadId.equals(lead.get("LeadSync_Lead_ID__c")))
                .findFirst().orElse(Map.of());
    }

    /** How many HubSpot contacts carry this lead id. */
    long inHubSpot(String leadId) {
        return hubspot.records("contacts").stream().filter(contact -> leadId.equals(properties(contact)
                .get("leadsync_lead_id"))).count();
    }

    Map<String, Object> hubspotContact(String leadId) {
        return hubspot.records("contacts").stream().map(ConnectedNode::properties)
                .filter(contact -> leadId.equals(contact.get("leadsync_lead_id"))).findFirst().orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> contact) {
        return (Map<String, Object>) contact.get("properties");
    }

    @Override
    public void close() {
        leadSync.close();
        salesforce.close();
        hubspot.close();
    }
}
