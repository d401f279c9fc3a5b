package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class AccountContactIT extends OrgFixture {


    private HttpResponse<String> create(String type, String json) {
        return http.send("POST", V + "/sobjects/" + type, token, json);
    }

    private String id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    @Test
    void describe_shows_account_and_contact_with_their_required_fields() {
        JsonNode account = json(http.get(V + "/sobjects/Account/describe", token));
        JsonNode contact = json(http.get(V + "/sobjects/Contact/describe", token));

        assertThat(account.get("name").asText()).isEqualTo("Account");
        assertThat(account.get("keyPrefix").asText()).isEqualTo("001");
        assertThat(contact.get("keyPrefix").asText()).isEqualTo("003");
        JsonNode name = field(account, "Name");
        assertThat(name.get("nillable").asBoolean()).isFalse();
        assertThat(name.get("createable").asBoolean()).isTrue();
        assertThat(name.get("length").asInt()).isEqualTo(255);
        assertThat(field(contact, "LastName").get("nillable").asBoolean()).isFalse();
        assertThat(field(contact, "Name").get("createable").asBoolean()).isFalse();
        assertThat(field(contact, "AccountId").get("referenceTo")).isEqualTo(tree("['Account']"));
    }

    private static JsonNode field(JsonNode describe, String name) {
        for (JsonNode field : describe.get("fields")) {
            if (field.get("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name);
    }

    @Test
    void required_fields_are_enforced_with_the_digest_error() {
        HttpResponse<String> account = create("Account", "{\"Website\":\"https://acme.example\"}");
        HttpResponse<String> contact = create("Contact", "{\"FirstName\":\"Ada\"}");

        assertThat(account.statusCode()).isEqualTo(400);
        assertThat(json(account)).isEqualTo(tree("[{'message':'Required fields are missing: [Name]',"
                + "'errorCode':'REQUIRED_FIELD_MISSING','fields':['Name']}]"));
        assertThat(contact.statusCode()).isEqualTo(400);
        assertThat(json(contact)).isEqualTo(tree("[{'message':'Required fields are missing: [LastName]',"
                + "'errorCode':'REQUIRED_FIELD_MISSING','fields':['LastName']}]"));
    }

    @Test
    void a_contact_under_an_account_is_created_read_queried_updated_and_deleted() {
        String accountId = id(create("Account", "{\"Name\":\"Acme\",\"Industry\":\"Technology\"}"));
        String contactId = id(create("Contact", "{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\",\"AccountId\":\""
                + accountId + "\",\"Email\":\"ada@acme.example\"}"));

        JsonNode contact = json(http.get(V + "/sobjects/Contact/" + contactId + "?fields=Name,AccountId", token));
        assertThat(contact).isEqualTo(tree("{'attributes':{'type':'Contact','url':'/services/data/v62.0/sobjects/"
                + "Contact/" + contactId + "'},'Id':'" + contactId + "','Name':'Ada Lovelace','AccountId':'"
                + accountId + "'}"));
        assertThat(contactId).startsWith("003");
        assertThat(accountId).startsWith("001");

        JsonNode byAccount = query("SELECT Id, LastName FROM Contact WHERE AccountId = '" + accountId + "'");
        assertThat(byAccount.get("totalSize").asInt()).isEqualTo(1);
        assertThat(query("SELECT Id, Name FROM Account WHERE Name LIKE 'Ac%'").get("records").get(0).get("Name")
                .asText()).isEqualTo("Acme");

        assertThat(http.send("PATCH", V + "/sobjects/Account/" + accountId, token, "{\"Name\":\"Acme Ltd\"}")
                .statusCode()).isEqualTo(204);
        assertThat(json(http.get(V + "/sobjects/Account/" + accountId + "?fields=Name", token)).get("Name").asText())
                .isEqualTo("Acme Ltd");
        assertThat(http.send("DELETE", V + "/sobjects/Contact/" + contactId, token, null).statusCode())
                .isEqualTo(204);
        assertThat(http.get(V + "/sobjects/Contact/" + contactId, token).statusCode()).isEqualTo(404);
        assertThat(json(http.get(V + "/queryAll?q=" + HttpCall.encode(
                "SELECT Id FROM Contact WHERE IsDeleted = true"), token)).get("totalSize").asInt()).isEqualTo(1);
    }

    @Test
    void a_contact_has_no_lead_only_fields() {
        String contactId = id(create("Contact", "{\"LastName\":\"Doe\"}"));

        JsonNode contact = json(http.get(V + "/sobjects/Contact/" + contactId, token));

        assertThat(contact.has("Status")).isFalse();
        assertThat(contact.has("IsConverted")).isFalse();
        assertThat(contact.get("OwnerId").asText()).isEqualTo(sandbox.userId("admin@acme.example"));
        assertThat(create("Contact", "{\"LastName\":\"Doe\",\"Company\":\"Acme\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void an_account_lookup_must_name_a_live_account() {
        String leadId = id(create("Lead", "{\"LastName\":\"Doe\",\"Company\":\"A\"}"));
        String accountId = id(create("Account", "{\"Name\":\"Acme\"}"));
        http.send("DELETE", V + "/sobjects/Account/" + accountId, token, null);

        HttpResponse<String> deleted = create("Contact", "{\"LastName\":\"Doe\",\"AccountId\":\"" + accountId + "\"}");
        HttpResponse<String> wrongType = create("Contact", "{\"LastName\":\"Doe\",\"AccountId\":\"" + leadId + "\"}");
        HttpResponse<String> malformed = create("Contact", "{\"LastName\":\"Doe\",\"AccountId\":\"nope\"}");

        assertThat(json(deleted).get(0).get("errorCode").asText()).isEqualTo("INVALID_CROSS_REFERENCE_KEY");
        assertThat(json(wrongType).get(0).get("errorCode").asText()).isEqualTo("FIELD_INTEGRITY_EXCEPTION");
        assertThat(json(malformed).get(0).get("errorCode").asText()).isEqualTo("MALFORMED_ID");
        assertThat(sandbox.records("Contact")).isEmpty();
    }

    @Test
    void accounts_upsert_on_a_custom_external_id() {
        sandbox.addCustomField("Account", FieldDefinition.customText("Ext_Account_Id__c", "Ext", 255, true, true));
        sandbox.fieldAccess("Account", "Ext_Account_Id__c", "admin@acme.example", true, true);

        HttpResponse<String> inserted = http.send("PATCH", V + "/sobjects/Account/Ext_Account_Id__c/A-1", token,
                "{\"Name\":\"Acme\"}");
        HttpResponse<String> updated = http.send("PATCH", V + "/sobjects/Account/Ext_Account_Id__c/A-1", token,
                "{\"Name\":\"Acme Ltd\"}");

        assertThat(inserted.statusCode()).isEqualTo(201);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json(updated).get("created").asBoolean()).isFalse();
        assertThat(sandbox.records("Account")).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("Name", "Acme Ltd"));
    }
}
