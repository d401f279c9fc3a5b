package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ToolingQueryIT {

    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;
    private String token;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0);
        http = new SandboxHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        token = http.adminToken();
    }

    private String createField(String fullName) {
        HttpResponse<String> created = http.send("POST", V + "/tooling/sobjects/CustomField", token,
                "{\"FullName\":\"" + fullName + "\",\"Metadata\":{\"label\":\"Ext Lead Id\",\"type\":\"Text\","
                        + "\"length\":255,\"externalId\":true,\"unique\":true,\"caseSensitive\":false,"
                        + "\"required\":false,\"description\":\"Sync key\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    private HttpResponse<String> query(String soql, String as) {
        return http.get(V + "/tooling/query/?q=" + HttpCall.encode(soql), as);
    }

    @Test
    void custom_fields_of_lead_come_back_in_the_tooling_query_shape() {
        String id = createField("Lead.Ext_Lead_Id__c");
        createField("Account.Ext_Account_Id__c");

        HttpResponse<String> response = query(
                "SELECT Id, DeveloperName, TableEnumOrId FROM CustomField WHERE TableEnumOrId = 'Lead'", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(tree("{'size':1,'totalSize':1,'done':true,'queryLocator':null,"
                + "'entityTypeName':'CustomField','records':[{'attributes':{'type':'CustomField',"
                + "'url':'/services/data/v62.0/tooling/sobjects/CustomField/" + id + "'},'Id':'" + id + "',"
                + "'DeveloperName':'Ext_Lead_Id','TableEnumOrId':'Lead'}]}"));
    }

    @Test
    void the_digest_existence_check_is_empty_before_and_finds_the_field_after() {
        String check = V + "/tooling/query?q=SELECT+Id,DeveloperName+FROM+CustomField+WHERE+TableEnumOrId='Lead'"
                + "+AND+DeveloperName='Ext_Lead_Id'";

        JsonNode before = json(http.get(check, token));
        String id = createField("Lead.Ext_Lead_Id__c");
        JsonNode after = json(http.get(check, token));

        assertThat(before.get("size").asInt()).isZero();
        assertThat(before.get("records")).isEmpty();
        assertThat(after.get("records").get(0).get("Id").asText()).isEqualTo(id);
    }

    @Test
    void full_name_and_metadata_only_for_a_single_row() {
        createField("Lead.Ext_Lead_Id__c");
        createField("Lead.Other__c");

        HttpResponse<String> two = query("SELECT Id, FullName FROM CustomField WHERE TableEnumOrId = 'Lead'", token);
        HttpResponse<String> one = query("SELECT FullName, Metadata FROM CustomField WHERE DeveloperName = 'Other'",
                token);

        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(json(two).get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
        assertThat(one.statusCode()).isEqualTo(200);
        JsonNode record = json(one).get("records").get(0);
        assertThat(record.get("FullName").asText()).isEqualTo("Lead.Other__c");
        assertThat(record.get("Metadata").get("type").asText()).isEqualTo("Text");
    }

    @Test
    void unknown_columns_and_entities_and_non_admins_are_refused() {
        HttpResponse<String> column = query("SELECT Id, Nope FROM CustomField", token);
        HttpResponse<String> entity = query("SELECT Id FROM Nope", token);
        HttpResponse<String> rep = query("SELECT Id FROM CustomField", http.mint("rep@acme.example")
                .get("access_token").asText());

        assertThat(column.statusCode()).isEqualTo(400);
        assertThat(json(column).get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(json(entity).get(0).get("errorCode").asText()).isEqualTo("INVALID_TYPE");
        assertThat(rep.statusCode()).isEqualTo(403);
        assertThat(sandbox.callCounts()).containsEntry("GET /services/data/vXX.X/tooling/query", 3L);
    }
}
