package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CollectionsCrudIT extends OrgFixture {

    private static final String COLLECTIONS = V + "/composite/sobjects";

    private HttpResponse<String> send(String method, boolean allOrNone, String... records) {
        return http.send(method, COLLECTIONS, token,
                "{\"allOrNone\":" + allOrNone + ",\"records\":[" + String.join(",", records) + "]}");
    }

    private static String lead(String lastName, String company) {
        return "{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"" + lastName + "\""
                + (company == null ? "" : ",\"Company\":\"" + company + "\"") + "}";
    }

    @Test
    void create_answers_the_digest_shape_in_request_order_even_when_one_fails() {
        HttpResponse<String> response = send("POST", false, lead("Doe", "Acme"), lead("Roe", null),
                "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Acme\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get(1)).isEqualTo(tree("{'success':false,'errors':[{'statusCode':'REQUIRED_FIELD_MISSING',"
                + "'message':'Required fields are missing: [Company]','fields':['Company']}]}"));
        assertThat(body.get(0)).isEqualTo(tree("{'id':'" + body.get(0).get("id").asText()
                + "','success':true,'errors':[]}"));
        assertThat(body.get(2).get("id").asText()).startsWith("001");
        assertThat(sandbox.records("Lead")).hasSize(1);
        assertThat(sandbox.records("Account")).hasSize(1);
    }

    @Test
    void all_or_none_rolls_every_type_back() {
        JsonNode body = json(send("POST", true, "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Acme\"}",
                lead("Roe", null)));

        assertThat(body.get(0)).isEqualTo(tree("{'success':false,'errors':[{'statusCode':"
                + "'ALL_OR_NONE_OPERATION_ROLLED_BACK','message':'Record rolled back because not all records were"
                + " valid and the request was using AllOrNone header','fields':[]}]}"));
        assertThat(body.get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(sandbox.records("Account")).isEmpty();
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void create_refuses_an_id_per_record_and_a_missing_type_for_the_whole_request() {
        String id = json(send("POST", false, lead("Doe", "Acme"))).get(0).get("id").asText();

        JsonNode withId = json(send("POST", false, "{\"attributes\":{\"type\":\"Lead\"},\"Id\":\"" + id
                + "\",\"LastName\":\"X\",\"Company\":\"Y\"}"));
        HttpResponse<String> noType = send("POST", false, "{\"LastName\":\"X\",\"Company\":\"Y\"}");

        assertThat(withId.get(0).get("success").asBoolean()).isFalse();
        assertThat(withId.get(0).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(json(noType).get(0).has("errorCode")).isTrue();
        assertThat(sandbox.records("Lead")).hasSize(1);
    }

    @Test
    void update_needs_an_id_and_reports_each_record() {
        String id = json(send("POST", false, lead("Doe", "Acme"))).get(0).get("id").asText();

        JsonNode body = json(send("PATCH", false,
                "{\"attributes\":{\"type\":\"Lead\"},\"id\":\"" + id + "\",\"Company\":\"Acme Ltd\"}",
                "{\"attributes\":{\"type\":\"Lead\"},\"Company\":\"Nobody\"}"));

        assertThat(body.get(0)).isEqualTo(tree("{'id':'" + id + "','success':true,'errors':[]}"));
        assertThat(body.get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("MISSING_ARGUMENT");
        assertThat(sandbox.records("Lead").get(0)).containsEntry("Company", "Acme Ltd");
    }

    @Test
    void delete_and_retrieve_by_ids() {
        JsonNode created = json(send("POST", false, lead("Doe", "Acme"), lead("Roe", "Acme")));
        String first = created.get(0).get("id").asText();
        String second = created.get(1).get("id").asText();

        JsonNode deleted = json(http.send("DELETE", COLLECTIONS + "?ids=" + first + "&allOrNone=false", token, null));
        JsonNode retrieved = json(http.get(COLLECTIONS + "/Lead?ids=" + first + "," + second
                + "&fields=LastName,Company", token));
        JsonNode again = json(http.send("DELETE", COLLECTIONS + "?ids=" + first, token, null));

        assertThat(deleted).isEqualTo(tree("[{'id':'" + first + "','success':true,'errors':[]}]"));
        assertThat(retrieved.get(0).isNull()).isTrue();
        assertThat(retrieved.get(1)).isEqualTo(tree("{'attributes':{'type':'Lead','url':'/services/data/v62.0/"
                + "sobjects/Lead/" + second + "'},'Id':'" + second + "','LastName':'Roe','Company':'Acme'}"));
        assertThat(again.get(0).get("errors").get(0).get("statusCode").asText()).isEqualTo("ENTITY_IS_DELETED");
    }

    @Test
    void more_than_200_records_or_versions_before_42_are_refused() {
        String many = IntStream.range(0, 201).mapToObj(i -> lead("L" + i, "A")).collect(Collectors.joining(","));

        HttpResponse<String> tooMany = send("POST", false, many);
        HttpResponse<String> old = http.send("POST", "/services/data/v41.0/composite/sobjects", token,
                "{\"records\":[" + lead("Doe", "Acme") + "]}");
        HttpResponse<String> first = http.send("POST", "/services/data/v42.0/composite/sobjects", token,
                "{\"records\":[" + lead("Doe", "Acme") + "]}");

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(old.statusCode()).isEqualTo(404);
        assertThat(first.statusCode()).isEqualTo(200);
    }

    @Test
    void a_lock_fault_fails_every_record_of_a_create() {
        sandbox.injectFault("POST", COLLECTIONS, "UNABLE_TO_LOCK_ROW", 1);

        JsonNode body = json(send("POST", false, lead("Doe", "Acme")));

        assertThat(body.get(0).get("errors").get(0).get("statusCode").asText()).isEqualTo("UNABLE_TO_LOCK_ROW");
        assertThat(sandbox.records("Lead")).isEmpty();
    }
}
