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
    void aMergeMakesANewContactThatBothOldIdsReadAs() {
        String primary = create(CONTACTS, "{'email':'ada@acme.example','firstname':'Ada'}");
        String merged = create(CONTACTS, "{'email':'ada.l@acme.example','firstname':'Augusta','jobtitle':'Analyst'}");
        String company = create("/crm/v3/objects/companies", "{'name':'Acme'}");
        http.send("PUT", "/crm/v4/objects/contact/" + merged + "/associations/default/company/" + company, token, null);

        HttpResponse<String> response = http.post(CONTACTS + "/merge", token,
                "{'primaryObjectId':'" + primary + "','objectIdToMerge':'" + merged + "'}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = json(response);
        String survivor = result.get("id").asText();
        assertThat(survivor).isNotIn(primary, merged);
        assertThat(result.at("/properties/email").asText()).isEqualTo("ada@acme.example");
        assertThat(result.at("/properties/firstname").asText()).isEqualTo("Ada");
        assertThat(result.at("/properties/jobtitle").asText()).isEqualTo("Analyst");
        assertThat(result.at("/properties/hs_merged_object_ids").asText()).isEqualTo(primary + ";" + merged);
        assertThat(result.at("/properties/hs_additional_emails").asText()).isEqualTo("ada.l@acme.example");

        // A read of either old id answers the merged contact, under its new id; it is neither archived nor listed.
        for (String old : new String[] {primary, merged}) {
            HttpResponse<String> read = http.get(CONTACTS + "/" + old + "?properties=email", token);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(json(read).get("id").asText()).isEqualTo(survivor);
        }
        JsonNode batch = json(http.post(CONTACTS + "/batch/read", token, "{'properties':['email'],'inputs':[{'id':'"
                + merged + "'}]}"));
        assertThat(batch.at("/results/0/id").asText()).isEqualTo(survivor);
        assertThat(http.get(CONTACTS + "/" + merged + "?archived=true", token).statusCode()).isEqualTo(404);
        // Writes to an old id are not followed (UNCONFIRMED in HubSpot; the stricter answer).
        assertThat(http.patch(CONTACTS + "/" + merged, token, "{'properties':{'jobtitle':'CTO'}}").statusCode())
                .isEqualTo(404);
        HttpResponse<String> again = http.post(CONTACTS, token, "{'properties':{'email':'ada.l@acme.example'}}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("message").asText()).isEqualTo("Contact already exists. Existing ID: " + survivor);
        // The merged contact's company (and the one the portal made for acme.example) moved over.
        assertThat(json(http.get("/crm/v4/objects/contact/" + survivor + "/associations/company", token))
                .findValuesAsText("toObjectId")).contains(company).hasSize(2);
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
        String survivor = (String) result.get("id");
        assertThat(((Map<?, ?>) result.get("properties")).get("hs_merged_object_ids")).isEqualTo(primary + ";" + merged);
        String third = create(CONTACTS, "{'email':'ada3@acme.example'}");
        HttpResponse<String> viaControl = http.post("/__sandbox/hubspot/records/contacts/merge", null,
                "{'primaryObjectId':'" + survivor + "','objectIdToMerge':'" + third + "'}");
        assertThat(viaControl.statusCode()).isEqualTo(200);
        String last = json(viaControl).get("id").asText();
        JsonNode read = json(http.get(CONTACTS + "/" + primary + "?properties=hs_merged_object_ids", token));
        assertThat(read.get("id").asText()).isEqualTo(last);
        assertThat(read.at("/properties/hs_merged_object_ids").asText())
                .isEqualTo(primary + ";" + merged + ";" + survivor + ";" + third);
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
