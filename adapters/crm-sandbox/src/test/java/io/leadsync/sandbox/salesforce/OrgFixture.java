package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up the org-level ITs share: one sandbox org per test class on a random port, reset before each test (then
 * {@link #prepare()}), and an admin's access token issued after it, so each test starts from a new org's state.
 */
abstract class OrgFixture {
    static SalesforceSandbox sandbox;
    static SandboxHttp http;
    String token;

    @BeforeAll
    static void startOrg() {
        sandbox = SalesforceSandbox.start(0);
        http = new SandboxHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stopOrg() {
        sandbox.close();
    }

    @BeforeEach
    void resetOrg() {
        sandbox.reset();
        prepare();
        token = http.adminToken();
    }

    /** What a test class adds to the fresh org before the admin's token is issued; nothing by default. */
    void prepare() {
    }

    /** A custom text field the admin can read and edit, marked External ID and unique (as LeadSync's own). */
    static void externalIdField(String object, String name, String label) {
        sandbox.addCustomField(object, FieldDefinition.customText(name, label, 255, true, true));
        sandbox.fieldAccess(object, name, "admin@acme.example", true, true);
    }

    /** A SOQL query as the admin, answered as JSON. */
    JsonNode query(String soql) {
        return json(http.get(V + "/query?q=" + HttpCall.encode(soql), token));
    }
}
