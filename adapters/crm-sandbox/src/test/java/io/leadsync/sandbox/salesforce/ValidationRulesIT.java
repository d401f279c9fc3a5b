package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Validation rules and restricted picklists an admin sets in Setup (here through the control API), and describe. */
class ValidationRulesIT {

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

    private HttpResponse<String> control(String method, String path, String json) {
        return http.send(method, "/__sandbox/salesforce/" + path, null, json);
    }

    private JsonNode field(String object, String name) {
        for (JsonNode field : json(http.get(V + "/sobjects/" + object + "/describe", token)).get("fields")) {
            if (field.get("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("describe of " + object + " lacks " + name);
    }

    @Test
    void describe_gives_real_lengths_and_the_picklist_values_of_a_new_org() {
        JsonNode source = field("Lead", "LeadSource");
        assertThat(source.get("length").asInt()).isEqualTo(40);
        assertThat(source.get("restrictedPicklist").asBoolean()).isFalse();
        assertThat(field("Lead", "Industry").get("length").asInt()).isEqualTo(40);
        JsonNode status = field("Lead", "Status");
        assertThat(status.get("length").asInt()).isEqualTo(40);
        assertThat(status.get("picklistValues").findValuesAsText("value"))
                .containsExactly("Open - Not Contacted", "Working - Contacted", "Closed - Converted",
                        "Closed - Not Converted");
        assertThat(status.get("picklistValues").get(0).get("defaultValue").asBoolean()).isTrue();
        // An unrestricted picklist stores a value outside its set, as Salesforce does; 41 characters are too long.
        assertThat(http.send("POST", V + "/sobjects/Lead/", token, "{\"LastName\":\"Doe\",\"Company\":\"Acme\","
                + "\"LeadSource\":\"AI SDR\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> tooLong = http.send("POST", V + "/sobjects/Lead/", token, "{\"LastName\":\"Doe\","
                + "\"Company\":\"Acme\",\"LeadSource\":\"" + "x".repeat(41) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).get(0).get("errorCode").asText()).isEqualTo("STRING_TOO_LONG");
    }

    @Test
    void a_restricted_picklist_refuses_values_outside_its_set_on_every_write_path() {
        HttpResponse<String> set = control("POST", "picklists", "{\"object\":\"Lead\",\"field\":\"leadsource\","
                + "\"values\":[\"Web\",\"Partner Referral\",\"AI SDR\"],\"restricted\":true}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(set)).isEqualTo(tree("{'object':'Lead','field':'LeadSource','values':['Web',"
                + "'Partner Referral','AI SDR'],'restricted':true}"));
        JsonNode described = field("Lead", "LeadSource");
        assertThat(described.get("restrictedPicklist").asBoolean()).isTrue();
        assertThat(described.get("picklistValues").findValuesAsText("value"))
                .containsExactly("Web", "Partner Referral", "AI SDR");

        HttpResponse<String> refused = http.send("POST", V + "/sobjects/Lead/", token, "{\"LastName\":\"Doe\","
                + "\"Company\":\"Acme\",\"LeadSource\":\"Cold Call\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused)).isEqualTo(tree("[{'message':'Lead Source: bad value for restricted picklist field:"
                + " Cold Call','errorCode':'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST','fields':['LeadSource']}]"));
        JsonNode collection = json(http.send("POST", V + "/composite/sobjects", token, "{\"records\":["
                + "{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"A\",\"Company\":\"B\",\"LeadSource\":\"Cold Call\"},"
                + "{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"C\",\"Company\":\"D\",\"LeadSource\":\"AI SDR\"}]}"));
        assertThat(collection.get(0).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(collection.get(1).get("success").asBoolean()).isTrue();
        assertThat(sandbox.records("Lead")).hasSize(1);
    }

    @Test
    void a_validation_rule_refuses_with_its_message_on_create_update_and_a_reps_edit_until_removed() {
        HttpResponse<String> rule = control("POST", "validation-rules", "{\"object\":\"Lead\",\"name\":"
                + "\"Email_Required\",\"field\":\"Email\",\"when\":\"blank\",\"errorMessage\":\"Leads need an"
                + " e-mail\",\"errorDisplayField\":\"Email\"}");
        assertThat(rule.statusCode()).isEqualTo(201);

        HttpResponse<String> refused = http.send("POST", V + "/sobjects/Lead/", token,
                "{\"LastName\":\"Doe\",\"Company\":\"Acme\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused)).isEqualTo(tree("[{'message':'Leads need an e-mail',"
                + "'errorCode':'FIELD_CUSTOM_VALIDATION_EXCEPTION','fields':['Email']}]"));
        String id = json(http.send("POST", V + "/sobjects/Lead/", token, "{\"LastName\":\"Doe\",\"Company\":"
                + "\"Acme\",\"Email\":\"jo@acme.example\"}")).get("id").asText();
        HttpResponse<String> cleared = http.send("PATCH", V + "/sobjects/Lead/" + id, token, "{\"Email\":null}");
        assertThat(cleared.statusCode()).isEqualTo(400);
        assertThat(json(cleared).get(0).get("errorCode").asText()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        HttpResponse<String> repEdit = http.send("PATCH", "/__sandbox/salesforce/records/Lead/" + id, null,
                "{\"Email\":null}");
        assertThat(repEdit.statusCode()).isEqualTo(400);
        assertThat(sandbox.records("Lead").get(0).get("Email")).isEqualTo("jo@acme.example");

        assertThat(json(control("GET", "validation-rules", null)).get("rules").get(0).get("name").asText())
                .isEqualTo("Email_Required");
        assertThat(control("DELETE", "validation-rules/Lead/Email_Required", null).statusCode()).isEqualTo(204);
        assertThat(http.send("PATCH", V + "/sobjects/Lead/" + id, token, "{\"Email\":null}").statusCode())
                .isEqualTo(204);
        assertThat(control("POST", "validation-rules", "{\"object\":\"Lead\",\"name\":\"X\",\"field\":\"Nope\","
                + "\"when\":\"blank\",\"errorMessage\":\"m\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void bulk_rows_breaking_a_rule_fail_alone_and_reset_removes_the_rules() throws Exception {
        control("POST", "validation-rules", "{\"object\":\"Lead\",\"name\":\"Title_Short\",\"field\":\"Title\","
                + "\"when\":\"longerThan\",\"value\":\"5\",\"errorMessage\":\"Title too long for reports\"}");
        JsonNode job = json(http.send("POST", V + "/jobs/ingest", token, "{\"object\":\"Lead\",\"operation\":"
                + "\"insert\",\"lineEnding\":\"LF\"}"));
        java.net.http.HttpRequest put = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl()
                + "/" + job.get("contentUrl").asText())).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "LastName,Company,Title\nDoe,Acme,CEO\nRoe,Acme,Chief Executive\n")).build();
        assertThat(java.net.http.HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(201);
        String id = job.get("id").asText();
        http.send("PATCH", V + "/jobs/ingest/" + id, token, "{\"state\":\"UploadComplete\"}");

        assertThat(http.get(V + "/jobs/ingest/" + id + "/failedResults/", token).body()).isEqualTo(
                "\"sf__Id\",\"sf__Error\",\"LastName\",\"Company\",\"Title\"\n\"\",\"FIELD_CUSTOM_VALIDATION_EXCEPTION:"
                        + "Title too long for reports: --\",\"Roe\",\"Acme\",\"Chief Executive\"\n");
        assertThat(sandbox.records("Lead")).hasSize(1);
        sandbox.reset();
        assertThat(json(control("GET", "validation-rules", null)).get("rules")).isEmpty();
    }
}
