package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standard duplicate rules, active in a new org: what each API answers a save they match. */
class DuplicateRulesIT extends OrgFixture {

    private static final Map<String, String> ALLOW_SAVE = Map.of("Sforce-Duplicate-Rule-Header",
            "allowSave=true; includeRecordDetails=false; runAsCurrentUser=true");

    private HttpResponse<String> create(String object, String json) {
        return http.send("POST", V + "/sobjects/" + object + "/", token, json);
    }

    private String created(String object, String json) {
        HttpResponse<String> response = create(object, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asText();
    }

    private int leads() {
        return sandbox.records("Lead").size();
    }

    @Test
    void by_default_a_lead_with_a_taken_email_is_refused_with_the_documented_duplicate_result() {
        String existing = created("Lead", "{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Email\":\"jo@acme.example\"}");

        // The same e-mail and last name; a blank first name is ignored in a grouping with Email.
        HttpResponse<String> refused = create("Lead", "{\"LastName\":\"Doe\",\"Company\":\"Initech\","
                + "\"Email\":\"JO@acme.example\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        // Allow with an alert: the duplicateResult says the save may be allowed (allowSave true) by the header.
        assertThat(json(refused)).isEqualTo(tree("[{'message':'Use one of these records?',"
                + "'errorCode':'DUPLICATES_DETECTED','fields':[],'duplicateResult':{'allowSave':true,"
                + "'duplicateRule':'Standard_Lead_Duplicate_Rule','duplicateRuleEntityType':'Lead',"
                + "'errorMessage':'Use one of these records?','matchResults':[{'entityType':'Lead','errors':[],"
                + "'matchEngine':'FuzzyMatchEngine','matchRecords':[{'additionalInformation':[],'fieldDiffs':[],"
                + "'matchConfidence':100.0,'record':{'attributes':{'type':'Lead','url':"
                + "'/services/data/v62.0/sobjects/Lead/" + existing + "'},'Id':'" + existing + "'}}],"
                + "'rule':'Standard_Lead_Match_Rule_v1_0','size':1,'success':true}]}}]"));
        assertThat(leads()).isEqualTo(1);
        // The e-mail is a match key, not a match: the same e-mail under another name is another person.
        assertThat(create("Lead", "{\"LastName\":\"Roe\",\"Company\":\"Initech\",\"Email\":\"jo@acme.example\"}")
                .statusCode()).isEqualTo(201);
        // Editing the matched lead itself is no duplicate of it.
        assertThat(http.send("PATCH", V + "/sobjects/Lead/" + existing, token, "{\"Email\":\"jo@acme.example\"}")
                .statusCode()).isEqualTo(204);
    }

    @Test
    void the_header_allow_save_true_saves_the_duplicate() {
        created("Lead", "{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Email\":\"jo@acme.example\"}");

        HttpResponse<String> saved = http.send("POST", V + "/sobjects/Lead/", token,
                "{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Email\":\"jo@acme.example\"}", ALLOW_SAVE);

        assertThat(saved.statusCode()).isEqualTo(201);
        assertThat(leads()).isEqualTo(2);
        // allowSave=false, or the header on a version before v52.0 (it did not exist), is no acknowledgement.
        assertThat(http.send("POST", V + "/sobjects/Lead/", token, "{\"LastName\":\"Doe\",\"Company\":\"Acme\","
                + "\"Email\":\"jo@acme.example\"}", Map.of("Sforce-Duplicate-Rule-Header", "allowSave=false"))
                .statusCode()).isEqualTo(400);
        assertThat(http.send("POST", "/services/data/v51.0/sobjects/Lead/", token, "{\"LastName\":\"Doe\","
                + "\"Company\":\"Acme\",\"Email\":\"jo@acme.example\"}", ALLOW_SAVE).statusCode()).isEqualTo(400);
    }

    @Test
    void first_name_last_name_company_and_title_match_fuzzily_and_blank_first_names_never_match() {
        String ada = created("Lead", "{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\",\"Title\":\"Analyst\","
                + "\"Company\":\"Analytical Engines, Inc.\"}");

        HttpResponse<String> same = create("Lead", "{\"FirstName\":\"A\",\"LastName\":\"LOVELACE\","
                + "\"Title\":\"analyst\",\"Company\":\"analytical engines\",\"Email\":\"other@example.com\"}");

        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(json(same).get(0).at("/duplicateResult/matchResults/0/matchRecords/0/record/Id").asText())
                .isEqualTo(ada);
        assertThat(create("Lead", "{\"LastName\":\"Lovelace\",\"Title\":\"Analyst\","
                + "\"Company\":\"Analytical Engines\"}").statusCode()).as("no first name: blank never matches")
                .isEqualTo(201);
        assertThat(create("Lead", "{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\",\"Title\":\"Analyst\","
                + "\"Company\":\"Babbage Ltd\"}").statusCode()).as("another company").isEqualTo(201);
        assertThat(create("Lead", "{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\","
                + "\"Company\":\"Analytical Engines\"}").statusCode()).as("no title, no phone").isEqualTo(201);
        assertThat(create("Lead", "{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\",\"Phone\":\"+44 20 7946 0000\","
                + "\"Company\":\"Analytical Engines\"}").statusCode()).isEqualTo(201);
        assertThat(create("Lead", "{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\",\"Phone\":\"(44) 20-7946-0000\","
                + "\"Company\":\"Analytical Engines\"}").statusCode()).as("same phone digits").isEqualTo(400);
    }

    @Test
    void first_name_last_name_and_phone_alone_match_and_so_does_the_street_with_the_city() {
        created("Lead", "{\"FirstName\":\"Grace\",\"LastName\":\"Hopper\",\"Company\":\"Navy\","
                + "\"Phone\":\"+1 202 555 0147\",\"Street\":\"1 Navy Yard\",\"City\":\"Washington\"}");

        assertThat(create("Lead", "{\"FirstName\":\"Grace\",\"LastName\":\"Hopper\",\"Company\":\"Univac\","
                + "\"Phone\":\"1-202-555-0147\"}").statusCode()).as("names and phone, another company")
                .isEqualTo(400);
        assertThat(create("Lead", "{\"FirstName\":\"Grace\",\"LastName\":\"Hopper\",\"Company\":\"Univac\","
                + "\"Street\":\"1 Navy Yard\",\"City\":\"WASHINGTON\"}").statusCode()).as("names, street and city")
                .isEqualTo(400);
        assertThat(create("Lead", "{\"FirstName\":\"Grace\",\"LastName\":\"Hopper\",\"Company\":\"Univac\","
                + "\"Street\":\"1 Navy Yard\",\"City\":\"Arlington\"}").statusCode()).as("street, other city")
                .isEqualTo(201);
        assertThat(create("Lead", "{\"FirstName\":\"Alan\",\"LastName\":\"Turing\",\"Company\":\"Navy\","
                + "\"Phone\":\"+1 202 555 0147\"}").statusCode()).as("the phone under another name").isEqualTo(201);
    }

    @Test
    void an_account_with_a_name_alike_and_the_same_website_is_a_duplicate_a_name_alone_is_not() {
        String acme = created("Account", "{\"Name\":\"Acme Corp\",\"Website\":\"https://www.acme.example\"}");

        HttpResponse<String> twin = create("Account", "{\"Name\":\"ACME\",\"Website\":\"acme.example\"}");

        assertThat(twin.statusCode()).isEqualTo(400);
        assertThat(json(twin).get(0).at("/duplicateResult/duplicateRule").asText())
                .isEqualTo("Standard_Account_Duplicate_Rule");
        assertThat(json(twin).get(0).at("/duplicateResult/matchResults/0/rule").asText())
                .isEqualTo("Standard_Account_Match_Rule_v1_0");
        assertThat(json(twin).get(0).at("/duplicateResult/matchResults/0/matchRecords/0/record/Id").asText())
                .isEqualTo(acme);
        assertThat(create("Account", "{\"Name\":\"Acme Corp\"}").statusCode()).as("the name alone").isEqualTo(201);
        assertThat(create("Account", "{\"Name\":\"Acme Corp\",\"Phone\":\"415 555 0100\"}").statusCode())
                .as("a name and a phone no other Acme has").isEqualTo(201);
        assertThat(create("Account", "{\"Name\":\"Acme Corp\",\"Phone\":\"(415) 555-0100\"}").statusCode())
                .as("the same name and phone").isEqualTo(400);
    }

    @Test
    void a_lead_matching_a_contact_names_the_contact_and_contacts_match_contacts() {
        String account = created("Account", "{\"Name\":\"Acme Corp\"}");
        String contact = created("Contact", "{\"FirstName\":\"Jo\",\"LastName\":\"Doe\",\"AccountId\":\""
                + account + "\",\"Email\":\"jo.doe@acme.example\",\"Title\":\"CFO\"}");

        HttpResponse<String> lead = create("Lead", "{\"FirstName\":\"Jo\",\"LastName\":\"Doe\",\"Company\":\"ACME\","
                + "\"Title\":\"CFO\"}");

        assertThat(lead.statusCode()).isEqualTo(400);
        JsonNode match = json(lead).get(0).at("/duplicateResult/matchResults/0");
        assertThat(match.get("entityType").asText()).isEqualTo("Contact");
        assertThat(match.get("rule").asText()).isEqualTo("Standard_Contact_Match_Rule_v1_1");
        assertThat(match.at("/matchRecords/0/record/Id").asText()).isEqualTo(contact);

        HttpResponse<String> twin = create("Contact", "{\"LastName\":\"Doe\",\"Email\":\"JO.DOE@acme.example\"}");
        assertThat(twin.statusCode()).isEqualTo(400);
        assertThat(json(twin).get(0).at("/duplicateResult/duplicateRule").asText())
                .isEqualTo("Standard_Contact_Duplicate_Rule");
    }

    @Test
    void collections_record_errors_carry_only_status_code_message_and_fields() {
        created("Lead", "{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Email\":\"jo@acme.example\"}");
        String body = "{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Email\":\"jo@acme.example\"},"
                + "{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"Twin\",\"Company\":\"Acme\",\"Email\":\"twin@acme.example\"},"
                + "{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"Twin\",\"Company\":\"Acme\",\"Email\":\"twin@acme.example\"}]}";

        HttpResponse<String> response = http.send("POST", V + "/composite/sobjects", token, body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = json(response);
        assertThat(results.get(0)).isEqualTo(tree("{'success':false,'errors':[{'statusCode':'DUPLICATES_DETECTED',"
                + "'message':'Use one of these records?','fields':[]}]}"));
        // Records of one request are committed together: they are not matched against each other.
        assertThat(results.get(1).get("success").asBoolean()).isTrue();
        assertThat(results.get(2).get("success").asBoolean()).isTrue();

        HttpResponse<String> allowed = http.send("POST", V + "/composite/sobjects", token, "{\"records\":["
                + "{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"Doe\",\"Company\":\"Acme\","
                + "\"Email\":\"jo@acme.example\"}]}", ALLOW_SAVE);
        assertThat(json(allowed).get(0).get("success").asBoolean()).isTrue();
    }

    @Test
    void bulk_rows_that_match_fail_in_failed_results_as_there_is_no_header_to_allow_them() {
        created("Lead", "{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Email\":\"jo@acme.example\"}");
        HttpResponse<String> job = http.send("POST", V + "/jobs/ingest", token, "{\"object\":\"Lead\","
                + "\"contentType\":\"CSV\",\"operation\":\"insert\",\"lineEnding\":\"LF\"}");
        String id = json(job).get("id").asText();
        put(json(job).get("contentUrl").asText(), "LastName,Company,Email\nDoe,Acme,jo@acme.example\n"
                + "Poe,Acme,poe@acme.example\n");
        http.send("PATCH", V + "/jobs/ingest/" + id, token, "{\"state\":\"UploadComplete\"}");

        String failed = http.get(V + "/jobs/ingest/" + id + "/failedResults/", token).body();

        assertThat(List.of(failed.split("\n"))).containsExactly("\"sf__Id\",\"sf__Error\",\"LastName\",\"Company\",\"Email\"",
                "\"\",\"DUPLICATES_DETECTED:Use one of these records?: --\",\"Doe\",\"Acme\",\"jo@acme.example\"");
        assertThat(leads()).isEqualTo(2);
    }

    @Test
    void the_control_api_turns_the_rules_off_and_a_rep_in_the_ui_saves_anyway() {
        String jo = created("Lead", "{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Email\":\"jo@acme.example\"}");
        String other = created("Lead", "{\"LastName\":\"Roe\",\"Company\":\"Acme\",\"Email\":\"roe@acme.example\"}");
        // The rep sees the alert and clicks Save: the UI's edit goes through.
        sandbox.editAsRep("Lead", other, Map.of("Email", "jo@acme.example"));

        assertThat(json(http.get("/__sandbox/salesforce/duplicate-rules", null)).get("active").asBoolean()).isTrue();
        HttpResponse<String> off = http.send("POST", "/__sandbox/salesforce/duplicate-rules", null,
                "{\"active\":false}");

        assertThat(json(off).get("active").asBoolean()).isFalse();
        assertThat(create("Lead", "{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Email\":\"jo@acme.example\"}")
                .statusCode()).isEqualTo(201);
        sandbox.reset();
        assertThat(json(http.get("/__sandbox/salesforce/duplicate-rules", null)).get("active").asBoolean()).isTrue();
        assertThat(jo).isNotEqualTo(other);
    }

    private void put(String contentUrl, String csv) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/" + contentUrl))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)).build();
        try {
            assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(201);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
