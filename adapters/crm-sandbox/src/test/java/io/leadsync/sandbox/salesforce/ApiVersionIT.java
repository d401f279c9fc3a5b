package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ApiVersionIT extends OrgFixture {

    private static final String EXT = "Ext__c";

    @Override
    void prepare() {
        externalIdField("Lead", EXT, "Ext");
    }

    private HttpResponse<String> upsert(String version, String value, String company) {
        return http.send("PATCH", "/services/data/v" + version + "/sobjects/Lead/" + EXT + "/" + value, token,
                "{\"LastName\":\"Doe\",\"Company\":\"" + company + "\"}");
    }

    @Test
    void the_version_list_starts_like_the_digest_example_and_ends_with_the_newest() {
        JsonNode versions = json(http.get("/services/data/", null));

        assertThat(versions.get(0)).isEqualTo(tree("{'label':'Summer \\u002714','url':'/services/data/v31.0',"
                + "'version':'31.0'}".replace("\\u0027", "'")));
        assertThat(versions.get(versions.size() - 1).get("version").asText()).isEqualTo("66.0");
        assertThat(versions.findValuesAsText("version")).contains("45.0", "46.0", "62.0");
        assertThat(versions.get(15).get("label").asText()).isEqualTo("Summer '19");
        assertThat(versions.get(15).get("version").asText()).isEqualTo("46.0");
    }

    @Test
    void an_upsert_that_updates_answers_204_without_a_body_up_to_v45_and_200_with_one_from_v46() {
        HttpResponse<String> inserted = upsert("45.0", "L-1", "Acme");
        HttpResponse<String> updatedOld = upsert("45.0", "L-1", "Acme Ltd");
        HttpResponse<String> updatedNew = upsert("46.0", "L-1", "Acme Inc");

        assertThat(inserted.statusCode()).isEqualTo(201);
        assertThat(json(inserted).get("created").asBoolean()).isTrue();
        String id = json(inserted).get("id").asText();
        assertThat(updatedOld.statusCode()).isEqualTo(204);
        assertThat(updatedOld.body()).isEmpty();
        assertThat(updatedNew.statusCode()).isEqualTo(200);
        assertThat(json(updatedNew)).isEqualTo(tree("{'id':'" + id + "','success':true,'errors':[],"
                + "'created':false}"));
        assertThat(sandbox.records("Lead").get(0)).containsEntry("Company", "Acme Inc");
    }

    @Test
    void collections_upsert_does_not_exist_before_v46() {
        String body = "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Lead\"},\"" + EXT
                + "\":\"L-1\",\"LastName\":\"Doe\",\"Company\":\"Acme\"}]}";

        HttpResponse<String> old = http.send("PATCH", "/services/data/v45.0/composite/sobjects/Lead/" + EXT, token,
                body);
        HttpResponse<String> current = http.send("PATCH", "/services/data/v46.0/composite/sobjects/Lead/" + EXT,
                token, body);

        assertThat(old.statusCode()).isEqualTo(404);
        assertThat(json(old)).isEqualTo(tree("[{'message':'The requested resource does not exist',"
                + "'errorCode':'NOT_FOUND'}]"));
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(sandbox.records("Lead")).hasSize(1);
    }

    @Test
    void posting_to_the_id_external_id_inserts_from_v37() {
        HttpResponse<String> inserted = http.send("POST", "/services/data/v37.0/sobjects/Lead/Id", token,
                "{\"LastName\":\"Doe\",\"Company\":\"Acme\"}");
        HttpResponse<String> withId = http.send("POST", "/services/data/v62.0/sobjects/Lead/Id", token,
                "{\"Id\":\"" + json(inserted).get("id").asText() + "\",\"LastName\":\"Doe\",\"Company\":\"Acme\"}");
        HttpResponse<String> tooOld = http.send("POST", "/services/data/v36.0/sobjects/Lead/Id", token,
                "{\"LastName\":\"Doe\",\"Company\":\"Acme\"}");
        HttpResponse<String> invalid = http.send("POST", "/services/data/v62.0/sobjects/Lead/Id", token,
                "{\"LastName\":\"Doe\"}");

        assertThat(inserted.statusCode()).isEqualTo(201);
        assertThat(json(inserted).get("created").asBoolean()).isTrue();
        assertThat(withId.statusCode()).isEqualTo(400);
        assertThat(json(withId).get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(tooOld.statusCode()).isEqualTo(405);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).get(0).get("errorCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(sandbox.records("Lead")).hasSize(1);
    }

    @Test
    void record_urls_carry_the_version_asked_for() {
        String id = json(upsert("45.0", "L-1", "Acme")).get("id").asText();

        JsonNode lead = json(http.get("/services/data/v45.0/sobjects/Lead/" + id, token));

        assertThat(lead.get("attributes").get("url").asText()).isEqualTo("/services/data/v45.0/sobjects/Lead/" + id);
    }
}
