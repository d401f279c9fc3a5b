package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.HttpCall.Response;

/**
 * {@code /__sandbox/salesforce/person-accounts}: GET tells whether the org has Person Accounts, POST
 * {@code {"enabled":true}} enables them. Salesforce cannot turn them off once enabled, so {@code false} is refused
 * then; only a sandbox reset brings back an org without them.
 */
final class PersonAccountsControl {

    private PersonAccountsControl() {
    }

    static Response handle(SalesforceOrg org, String method, HttpCall call) {
        if ("POST".equals(method)) {
            JsonNode enabled = call.json().path("enabled");
            if (!enabled.isBoolean()) {
                throw new IllegalArgumentException("enabled must be true or false");
            }
            if (enabled.booleanValue()) {
                org.enablePersonAccounts();
            } else if (org.personAccountsEnabled()) {
                throw new IllegalArgumentException("Person Accounts cannot be disabled once enabled (as in"
                        + " Salesforce); reset the sandbox for an org without them");
            }
        } else if (!"GET".equals(method)) {
            throw new IllegalArgumentException("person-accounts takes GET or POST");
        }
        ObjectNode body = Json.object();
        body.put("enabled", org.personAccountsEnabled());
        String typeId = org.personRecordTypeId();
        if (typeId == null) {
            body.putNull("personRecordTypeId");
        } else {
            body.put("personRecordTypeId", typeId);
        }
        return Response.json(200, body);
    }
}
