package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CollectionsIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private static final String EXT = "Ext__c";
    private static final String UPSERT = V + "/composite/sobjects/Lead/" + EXT;
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
        sandbox.addCustomField("Lead", FieldDefinition.customText(EXT, "Ext", 255, true, true));
        sandbox.fieldAccess("Lead", EXT, "admin@acme.example", true, true);
        token = http.adminToken();
    }

    private static String record(String ext, String lastName, String company) {
        return "{\"attributes\":{\"type\":\"Lead\"},\"" + EXT + "\":\"" + ext + "\""
                + (lastName == null ? "" : ",\"LastName\":\"" + lastName + "\"")
                + (company == null ? "" : ",\"Company\":\"" + company + "\"") + "}";
    }

    private HttpResponse<String> upsert(boolean allOrNone, String... records) {
        return http.send("PATCH", UPSERT, token,
                "{\"allOrNone\":" + allOrNone + ",\"records\":[" + String.join(",", records) + "]}");
    }

    @Test
    void upsert_reports_created_true_then_false_in_request_order() {
        JsonNode first = json(upsert(false, record("L-1", "Doe", "Acme")));
        String id1 = first.get(0).get("id").asText();
        CLOCK.advance(Duration.ofMinutes(1));

        HttpResponse<String> response = upsert(false, record("L-2", "Roe", "Acme"), record("L-1", "Doe", "Acme Inc"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        String id2 = body.get(0).get("id").asText();
        assertThat(body).isEqualTo(tree("[{'id':'" + id2 + "','success':true,'errors':[],'created':true},"
                + "{'id':'" + id1 + "','success':true,'errors':[],'created':false}]"));
        assertThat(sandbox.records("Lead")).filteredOn(r -> r.get("Id").equals(id1)).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("Company", "Acme Inc")
                        .containsEntry("SystemModstamp", "2026-01-05T09:01:00.000+0000"));
    }

    @Test
    void a_failing_record_carries_status_code_errors_while_the_others_are_saved() {
        HttpResponse<String> response = upsert(false, record("L-1", "Doe", "Acme"), record("L-2", "Roe", null));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get(0).get("success").asBoolean()).isTrue();
        assertThat(body.get(1)).isEqualTo(tree("{'success':false,'errors':[{'statusCode':'REQUIRED_FIELD_MISSING',"
                + "'message':'Required fields are missing: [Company]','fields':['Company']}]}"));
        assertThat(sandbox.records("Lead")).hasSize(1);
    }

    @Test
    void all_or_none_rolls_every_record_back_on_one_failure() {
        HttpResponse<String> response = upsert(true, record("L-1", "Doe", "Acme"), record("L-2", "Roe", null));

        JsonNode body = json(response);
        assertThat(body.get(0)).isEqualTo(tree("{'success':false,'errors':[{'statusCode':"
                + "'ALL_OR_NONE_OPERATION_ROLLED_BACK','message':'Record rolled back because not all records were"
                + " valid and the request was using AllOrNone header','fields':[]}]}"));
        assertThat(body.get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void the_same_external_id_twice_in_one_call_fails_both_records() {
        JsonNode body = json(upsert(false, record("L-1", "Doe", "Acme"), record("l-1", "Doe", "Acme")));

        assertThat(body.findValuesAsText("statusCode")).containsExactly("DUPLICATE_EXTERNAL_ID",
                "DUPLICATE_EXTERNAL_ID");
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void two_hundred_records_are_accepted_and_two_hundred_and_one_refused() {
        String twoHundred = IntStream.range(0, 200).mapToObj(i -> record("L-" + i, "Doe", "Acme"))
                .collect(Collectors.joining(","));

        assertThat(json(upsert(false, twoHundred)).size()).isEqualTo(200);
        HttpResponse<String> tooMany = upsert(false, twoHundred, record("L-200", "Doe", "Acme"));

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).get(0).get("errorCode").asText()).isEqualTo("EXCEEDED_ID_LIMIT");
        assertThat(sandbox.records("Lead")).hasSize(200);
    }

    @Test
    void an_unknown_column_in_any_record_fails_the_whole_request() {
        HttpResponse<String> response = upsert(false, record("L-1", "Doe", "Acme"),
                "{\"attributes\":{\"type\":\"Lead\"},\"" + EXT + "\":\"L-2\",\"Nope__c\":1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get(0).get("message").asText())
                .isEqualTo("No such column 'Nope__c' on sobject of type Lead");
        assertThat(sandbox.records("Lead")).isEmpty();
    }
}
