package io.leadsync.sandbox.hubspot;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.CONTACTS;
import static io.leadsync.sandbox.hubspot.HubSpotHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubSpotMergeIT {

    private static HubSpotSandbox sandbox;
    private static HubSpotHttp http;
    private String token;

    @BeforeAll
    static void start() {
        sandbox = HubSpotSandbox.start(0);
        http = new HubSpotHttp(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        token = http.token("admin@acme.example");
    }

    private String create(String path, String properties) {
        HttpResponse<String> response = http.post(path, token, "{'properties':" + properties + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asText();
    }

    @Test
    void theMergedContactDisappearsAndThePrimaryAbsorbsIt() {
        String primary = create(CONTACTS, "{'email':'ada@acme.example','firstname':'Ada'}");
        String merged = create(CONTACTS, "{'email':'ada.l@acme.example','firstname':'Augusta','jobtitle':'Analyst'}");
        String company = create("/crm/v3/objects/companies", "{'name':'Acme'}");
        http.send("PUT", "/crm/v4/objects/contact/" + merged + "/associations/default/company/" + company, token, null);

        HttpResponse<String> response = http.post(CONTACTS + "/merge", token,
                "{'primaryObjectId':'" + primary + "','objectIdToMerge':'" + merged + "'}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = json(response);
        assertThat(result.get("id").asText()).isEqualTo(primary);
        assertThat(result.at("/properties/firstname").asText()).isEqualTo("Ada");
        assertThat(result.at("/properties/jobtitle").asText()).isEqualTo("Analyst");
        assertThat(result.at("/properties/hs_merged_object_ids").asText()).isEqualTo(merged);
        assertThat(result.at("/properties/hs_additional_emails").asText()).isEqualTo("ada.l@acme.example");

        assertThat(http.get(CONTACTS + "/" + merged, token).statusCode()).isEqualTo(404);
        assertThat(http.get(CONTACTS + "/" + merged + "?archived=true", token).statusCode()).isEqualTo(404);
        HttpResponse<String> again = http.post(CONTACTS, token, "{'properties':{'email':'ada.l@acme.example'}}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("message").asText()).isEqualTo("Contact already exists. Existing ID: " + primary);
        assertThat(json(http.get("/crm/v4/objects/contact/" + primary + "/associations/company", token))
                .at("/results/0/toObjectId").asText()).isEqualTo(company);
        assertThat(sandbox.records("contacts")).hasSize(1);
    }

    @Test
    void mergingWithItselfOrAMissingContactFails() {
        String primary = create(CONTACTS, "{'email':'ada@acme.example'}");
        assertThat(http.post(CONTACTS + "/merge", token, "{'primaryObjectId':'" + primary + "','objectIdToMerge':'"
                + primary + "'}").statusCode()).isEqualTo(400);
        assertThat(http.post(CONTACTS + "/merge", token, "{'primaryObjectId':'" + primary
                + "','objectIdToMerge':'777777'}").statusCode()).isEqualTo(404);
    }

    @Test
    void aRepCanMergeThroughTheControlApi() {
        String primary = create(CONTACTS, "{'email':'ada@acme.example'}");
        String merged = create(CONTACTS, "{'email':'ada2@acme.example'}");
        Map<String, Object> result = sandbox.mergeAsRep("contacts", primary, merged);
        assertThat(((Map<?, ?>) result.get("properties")).get("hs_merged_object_ids")).isEqualTo(merged);
        assertThat(http.get(CONTACTS + "/" + merged, token).statusCode()).isEqualTo(404);
        String third = create(CONTACTS, "{'email':'ada3@acme.example'}");
        assertThat(http.post("/__sandbox/hubspot/records/contacts/merge", null, "{'primaryObjectId':'" + primary
                + "','objectIdToMerge':'" + third + "'}").statusCode()).isEqualTo(200);
        assertThat(json(http.get(CONTACTS + "/" + primary + "?properties=hs_merged_object_ids", token))
                .at("/properties/hs_merged_object_ids").asText()).isEqualTo(merged + ";" + third);
    }

    @Test
    void gdprDeleteRemovesTheContactForGood() {
        String id = create(CONTACTS, "{'email':'ada@acme.example'}");
        assertThat(http.post(CONTACTS + "/gdpr-delete", token, "{'objectId':'ada@acme.example','idProperty':'email'}")
                .statusCode()).isEqualTo(204);
        assertThat(http.get(CONTACTS + "/" + id + "?archived=true", token).statusCode()).isEqualTo(404);
        assertThat(http.post(CONTACTS + "/gdpr-delete", token, "{'objectId':'" + id + "'}").statusCode())
                .isEqualTo(404);
        create(CONTACTS, "{'email':'ada@acme.example'}");
    }
}
