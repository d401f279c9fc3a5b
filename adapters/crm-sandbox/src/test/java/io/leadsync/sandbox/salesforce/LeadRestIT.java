package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeadRestIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private static final String EXT = "Ext_Lead_Id__c";
    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;
    private String token;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0, CLOCK);
        http = new SandboxHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        sandbox.addCustomField("Lead", FieldDefinition.customText(EXT, "Ext Lead Id", 255, true, true));
        sandbox.fieldAccess("Lead", EXT, "admin@acme.example", true, true);
        token = http.adminToken();
    }

    private HttpResponse<String> create(String json) {
        return http.send("POST", V + "/sobjects/Lead/", token, json);
    }

    @Test
    void create_answers_201_with_the_documented_body() {
        HttpResponse<String> response = create("{\"LastName\":\"Doe\",\"Company\":\"Acme\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = json(response);
        assertThat(body.get("id").asText()).startsWith("00Q").hasSize(18);
        assertThat(body).isEqualTo(tree("{'id':'" + body.get("id").asText() + "','success':true,'errors':[]}"));
    }

    @Test
    void missing_required_fields_and_a_too_long_name_are_400_error_arrays() {
        HttpResponse<String> missing = create("{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing)).isEqualTo(tree("[{'message':'Required fields are missing: [Company]',"
                + "'errorCode':'REQUIRED_FIELD_MISSING','fields':['Company']}]"));

        HttpResponse<String> tooLong = create("{\"LastName\":\"" + "x".repeat(81) + "\",\"Company\":\"Acme\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).get(0).get("errorCode").asText()).isEqualTo("STRING_TOO_LONG");
        assertThat(json(tooLong).get(0).get("fields")).isEqualTo(tree("['LastName']"));
    }

    @Test
    void read_update_and_delete_maintain_the_stamps() {
        String id = json(create("{\"LastName\":\"Doe\",\"Company\":\"Acme\"}")).get("id").asText();
        JsonNode created = json(http.get(V + "/sobjects/Lead/" + id, token));
        assertThat(created.get("attributes")).isEqualTo(
                tree("{'type':'Lead','url':'/services/data/v62.0/sobjects/Lead/" + id + "'}"));
        assertThat(created.get("CreatedDate").asText()).isEqualTo("2026-01-05T09:00:00.000+0000");
        assertThat(created.get("SystemModstamp").asText()).isEqualTo("2026-01-05T09:00:00.000+0000");

        CLOCK.advance(Duration.ofMinutes(5));
        HttpResponse<String> update = http.send("PATCH", V + "/sobjects/Lead/" + id, token, "{\"Title\":\"CTO\"}");

        assertThat(update.statusCode()).isEqualTo(204);
        assertThat(update.body()).isEmpty();
        JsonNode updated = json(http.get(V + "/sobjects/Lead/" + id + "?fields=Title,LastModifiedDate", token));
        assertThat(updated.get("Title").asText()).isEqualTo("CTO");
        assertThat(updated.get("LastModifiedDate").asText()).isEqualTo("2026-01-05T09:05:00.000+0000");
        assertThat(updated.has("Company")).isFalse();

        assertThat(http.send("DELETE", V + "/sobjects/Lead/" + id, token, null).statusCode()).isEqualTo(204);
        assertThat(http.get(V + "/sobjects/Lead/" + id, token).statusCode()).isEqualTo(404);
    }

    @Test
    void upsert_by_external_id_creates_with_201_then_updates_with_200() {
        String path = V + "/sobjects/Lead/" + EXT + "/L-1";

        HttpResponse<String> first = http.send("PATCH", path, token, "{\"LastName\":\"Doe\",\"Company\":\"Acme\"}");
        HttpResponse<String> second = http.send("PATCH", path, token, "{\"Title\":\"CEO\"}");

        assertThat(first.statusCode()).isEqualTo(201);
        String id = json(first).get("id").asText();
        assertThat(json(first)).isEqualTo(tree("{'id':'" + id + "','success':true,'errors':[],'created':true}"));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second)).isEqualTo(tree("{'id':'" + id + "','success':true,'errors':[],'created':false}"));
        assertThat(sandbox.records("Lead")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry(EXT, "L-1").containsEntry("Title", "CEO"));
    }

    @Test
    void upsert_matching_two_records_is_300_with_their_urls() {
        sandbox.addCustomField("Lead", FieldDefinition.customText("Legacy_Id__c", "Legacy Id", 40, true, false));
        sandbox.fieldAccess("Lead", "Legacy_Id__c", "admin@acme.example", true, true);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(json(create("{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Legacy_Id__c\":\"X\"}"))
                    .get("id").asText());
        }

        HttpResponse<String> response = http.send("PATCH", V + "/sobjects/Lead/Legacy_Id__c/X", token,
                "{\"Title\":\"CEO\"}");

        assertThat(response.statusCode()).isEqualTo(300);
        assertThat(json(response)).isEqualTo(tree("['" + V + "/sobjects/Lead/" + ids.get(0) + "','" + V
                + "/sobjects/Lead/" + ids.get(1) + "']"));
    }

    @Test
    void a_unique_external_id_value_cannot_be_used_twice() {
        create("{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"" + EXT + "\":\"L-1\"}");

        HttpResponse<String> response = create("{\"LastName\":\"Roe\",\"Company\":\"Acme\",\"" + EXT + "\":\"l-1\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get(0).get("errorCode").asText()).isEqualTo("DUPLICATE_VALUE");
    }

    @Test
    void a_custom_field_the_user_cannot_read_does_not_exist_for_them() {
        String rep = http.mint("rep@acme.example").get("access_token").asText();

        HttpResponse<String> response = http.send("POST", V + "/sobjects/Lead/", rep,
                "{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"" + EXT + "\":\"L-1\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get(0).get("message").asText())
                .isEqualTo("No such column '" + EXT + "' on sobject of type Lead");
        assertThat(json(response).get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(fieldNames(json(http.get(V + "/sobjects/Lead/describe", rep)))).doesNotContain(EXT)
                .contains("LastName", "Company");
        assertThat(fieldNames(json(http.get(V + "/sobjects/Lead/describe", token)))).contains(EXT);
    }

    @Test
    void describe_reports_the_documented_field_attributes() {
        JsonNode describe = json(http.get(V + "/sobjects/Lead/describe", token));

        assertThat(describe.get("name").asText()).isEqualTo("Lead");
        JsonNode ext = field(describe, EXT);
        assertThat(ext.get("type").asText()).isEqualTo("string");
        assertThat(ext.get("length").asInt()).isEqualTo(255);
        assertThat(ext.get("custom").asBoolean()).isTrue();
        assertThat(ext.get("externalId").asBoolean()).isTrue();
        assertThat(ext.get("unique").asBoolean()).isTrue();
        JsonNode lastName = field(describe, "LastName");
        assertThat(lastName.get("length").asInt()).isEqualTo(80);
        assertThat(lastName.get("nillable").asBoolean()).isFalse();
        assertThat(field(describe, "Email").get("type").asText()).isEqualTo("email");
    }

    @Test
    void every_call_reports_and_spends_the_daily_allowance() {
        HttpResponse<String> first = http.get(V + "/limits", token);
        assertThat(first.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=1/15000");
        assertThat(json(first).get("DailyApiRequests")).isEqualTo(tree("{'Max':15000,'Remaining':14999}"));

        http.send("POST", "/__sandbox/salesforce/limits", null, "{\"dailyApiRequests\":2}");
        assertThat(http.get(V + "/limits", token).headers().firstValue("Sforce-Limit-Info"))
                .contains("api-usage=2/2");
        HttpResponse<String> refused = http.get(V + "/limits", token);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused)).isEqualTo(
                tree("[{'message':'TotalRequests Limit exceeded.','errorCode':'REQUEST_LIMIT_EXCEEDED'}]"));
        assertThat(refused.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=2/2");
    }

    @Test
    void the_version_list_needs_no_session_and_includes_the_pinned_version() {
        HttpResponse<String> response = http.get("/services/data/", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Sforce-Limit-Info")).isEmpty();
        assertThat(json(response).findValuesAsText("version")).contains("58.0", "62.0");
        // v30.0 and older are retired; the oldest version served is v31.0.
        assertThat(http.get("/services/data/v30.0/limits", token).statusCode()).isEqualTo(404);
    }

    private static JsonNode field(JsonNode describe, String name) {
        for (JsonNode field : describe.get("fields")) {
            if (field.get("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError("no field " + name);
    }

    private static List<String> fieldNames(JsonNode describe) {
        return describe.get("fields").findValuesAsText("name");
    }
}
