package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Person Accounts as Salesforce has them: off in a new org; enabled, Accounts of the person record type. */
class PersonAccountsIT extends OrgFixture {

    private static final String EXT = "LeadSync_Id__c";

    @Override
    void prepare() {
        externalIdField("Account", EXT, "LeadSync Id");
    }

    private void enable() {
        HttpResponse<String> enabled = http.send("POST", "/__sandbox/salesforce/person-accounts", null,
                "{\"enabled\":true}");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
    }

    private String personTypeId() {
        return query("SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true")
                .get("records").get(0).get("Id").asText();
    }

    private static List<String> fieldNames(JsonNode describe) {
        List<String> names = new ArrayList<>();
        describe.get("fields").forEach(f -> names.add(f.get("name").asText()));
        return names;
    }

    @Test
    void a_new_org_has_no_person_accounts_and_refuses_person_fields() {
        JsonNode describe = json(http.get(V + "/sobjects/Account/describe", token));
        assertThat(fieldNames(describe)).doesNotContain("IsPersonAccount", "PersonEmail", "LastName");
        assertThat(query("SELECT Id FROM RecordType WHERE IsPersonType = true").get("totalSize").asInt()).isZero();
        HttpResponse<String> refused = http.send("POST", V + "/sobjects/Account", token,
                "{\"LastName\":\"Lovelace\",\"PersonEmail\":\"ada@example.com\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(http.get("/__sandbox/salesforce/person-accounts", null)).get("enabled").asBoolean())
                .isFalse();
    }

    @Test
    void enabled_describe_shows_person_fields_and_both_record_types_and_cannot_be_turned_off() {
        enable();
        JsonNode describe = json(http.get(V + "/sobjects/Account/describe", token));
        assertThat(fieldNames(describe)).contains("IsPersonAccount", "PersonEmail", "FirstName", "LastName",
                "Salutation", "PersonMailingStreet", "PersonContactId", "RecordTypeId");
        List<String> types = new ArrayList<>();
        describe.get("recordTypeInfos").forEach(t -> types.add(t.get("developerName").asText()));
        assertThat(types).contains("PersonAccount", "Business_Account", "Master");
        assertThat(personTypeId()).startsWith("012");
        HttpResponse<String> off = http.send("POST", "/__sandbox/salesforce/person-accounts", null,
                "{\"enabled\":false}");
        assertThat(off.statusCode()).isEqualTo(400);
    }

    @Test
    void a_person_account_gets_its_name_from_first_and_last_name_and_a_person_contact() {
        enable();
        HttpResponse<String> created = http.send("POST", V + "/sobjects/Account", token, "{\"RecordTypeId\":\""
                + personTypeId() + "\",\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\","
                + "\"PersonEmail\":\"ada@example.com\",\"PersonMailingCity\":\"London\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asText();

        JsonNode account = query("SELECT Id, Name, IsPersonAccount, PersonEmail, PersonContactId FROM Account"
                + " WHERE Id = '" + id + "'").get("records").get(0);
        assertThat(account.get("Name").asText()).isEqualTo("Ada Lovelace");
        assertThat(account.get("IsPersonAccount").asBoolean()).isTrue();
        JsonNode contact = query("SELECT Id, AccountId, Email, MailingCity, IsPersonAccount FROM Contact WHERE Id = '"
                + account.get("PersonContactId").asText() + "'").get("records").get(0);
        assertThat(contact.get("AccountId").asText()).isEqualTo(id);
        assertThat(contact.get("Email").asText()).isEqualTo("ada@example.com");
        assertThat(contact.get("MailingCity").asText()).isEqualTo("London");
        assertThat(contact.get("IsPersonAccount").asBoolean()).isTrue();
    }

    @Test
    void name_on_a_person_account_and_person_fields_on_a_business_account_are_refused() {
        enable();
        HttpResponse<String> named = http.send("POST", V + "/sobjects/Account", token, "{\"RecordTypeId\":\""
                + personTypeId() + "\",\"Name\":\"Ada Lovelace\",\"LastName\":\"Lovelace\"}");
        assertThat(named.statusCode()).isEqualTo(400);
        assertThat(named.body()).contains("bad field names on insert/update call: Name");
        HttpResponse<String> noLastName = http.send("POST", V + "/sobjects/Account", token, "{\"RecordTypeId\":\""
                + personTypeId() + "\",\"FirstName\":\"Ada\"}");
        assertThat(noLastName.body()).contains("REQUIRED_FIELD_MISSING").contains("LastName");
        HttpResponse<String> business = http.send("POST", V + "/sobjects/Account", token,
                "{\"Name\":\"Acme\",\"PersonEmail\":\"ada@example.com\"}");
        assertThat(business.statusCode()).isEqualTo(400);
        assertThat(business.body()).contains("PersonEmail");
        HttpResponse<String> plain = http.send("POST", V + "/sobjects/Account", token, "{\"Name\":\"Acme\"}");
        assertThat(plain.statusCode()).isEqualTo(201);
        assertThat(query("SELECT IsPersonAccount FROM Account WHERE Name = 'Acme'").get("records").get(0)
                .get("IsPersonAccount").asBoolean()).isFalse();
    }

    @Test
    void collections_upsert_by_external_id_creates_then_updates_one_person_account() {
        enable();
        String type = personTypeId();
        String body = "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Account\"},\"" + EXT
                + "\":\"ls-1\",\"RecordTypeId\":\"" + type + "\",\"LastName\":\"Lovelace\",\"PersonEmail\":"
                + "\"ada@example.com\"}]}";
        JsonNode first = json(http.send("PATCH", V + "/composite/sobjects/Account/" + EXT, token, body));
        assertThat(first.get(0).get("success").asBoolean()).as(first.toString()).isTrue();
        assertThat(first.get(0).get("created").asBoolean()).isTrue();
        JsonNode second = json(http.send("PATCH", V + "/composite/sobjects/Account/" + EXT, token,
                body.replace("ada@example.com", "ada@lovelace.example")));
        assertThat(second.get(0).get("created").asBoolean()).as(second.toString()).isFalse();

        JsonNode accounts = query("SELECT Id, PersonEmail FROM Account WHERE IsPersonAccount = true");
        assertThat(accounts.get("totalSize").asInt()).isEqualTo(1);
        assertThat(accounts.get("records").get(0).get("PersonEmail").asText()).isEqualTo("ada@lovelace.example");
        assertThat(query("SELECT Id FROM Contact WHERE IsPersonAccount = true").get("totalSize").asInt())
                .isEqualTo(1);
    }

    @Test
    void an_apex_rest_endpoint_creates_a_person_account_when_the_org_has_them() {
        enable();
        HttpResponse<String> registered = http.send("POST", "/__sandbox/salesforce/apex-rest", null,
                "{\"className\":\"LeadIntake\",\"urlMapping\":\"/leads/*\"}");
        assertThat(registered.statusCode()).as(registered.body()).isBetween(200, 201);
        HttpResponse<String> posted = http.send("POST", "/services/apexrest/leads/", token,
                "{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\",\"Email\":\"ada@example.com\",\"Company\":\"-\"}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        String id = json(posted).get("id").asText();
        assertThat(id).startsWith("001");
        JsonNode account = query("SELECT PersonEmail, IsPersonAccount FROM Account WHERE Id = '" + id + "'")
                .get("records").get(0);
        assertThat(account.get("IsPersonAccount").asBoolean()).isTrue();
        assertThat(account.get("PersonEmail").asText()).isEqualTo("ada@example.com");
    }
}
