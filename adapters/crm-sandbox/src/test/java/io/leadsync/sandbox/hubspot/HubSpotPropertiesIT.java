package io.leadsync.sandbox.hubspot;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubSpotPropertiesIT {

    private static final String PROPERTIES = "/crm/v3/properties/contacts";
    private static final String AI_LEAD_ID = "{'name':'ai_lead_id','label':'AI Lead ID','type':'string',"
            + "'fieldType':'text','groupName':'contactinformation','description':'Sync key','hasUniqueValue':true,"
            + "'displayOrder':-1,'hidden':false,'formField':false}";
    private static HubSpotSandbox sandbox;
    private static HubSpotHttp http;
    private String admin;

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
        admin = http.token("admin@acme.example");
    }

    @Test
    void theDefaultContactPropertiesAreThere() {
        JsonNode list = json(http.get(PROPERTIES, admin));
        assertThat(list.get("results")).extracting(p -> p.get("name").asText()).contains("email", "firstname",
                "lastname", "jobtitle", "company", "website", "industry", "city", "phone", "mobilephone",
                "hs_lead_status", "lifecyclestage", "hs_object_id", "createdate", "lastmodifieddate");

        JsonNode stage = json(http.get(PROPERTIES + "/lifecyclestage", admin));
        assertThat(stage.get("type").asText()).isEqualTo("enumeration");
        assertThat(stage.get("hubspotDefined").asBoolean()).isTrue();
        assertThat(stage.get("options")).extracting(o -> o.get("value").asText()).startsWith("subscriber", "lead");
        JsonNode id = json(http.get(PROPERTIES + "/hs_object_id", admin));
        assertThat(id.at("/modificationMetadata/readOnlyValue").asBoolean()).isTrue();
        assertThat(http.get(PROPERTIES + "/no_such_thing", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void createAPropertyThenItsNameIsTaken() {
        HttpResponse<String> created = http.post(PROPERTIES, admin, AI_LEAD_ID);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode property = json(created);
        assertThat(property.get("name").asText()).isEqualTo("ai_lead_id");
        assertThat(property.get("hasUniqueValue").asBoolean()).isTrue();
        assertThat(property.get("hubspotDefined").asBoolean()).isFalse();
        assertThat(property.get("archived").asBoolean()).isFalse();
        assertThat(property.get("createdAt").asText()).isNotBlank();
        assertThat(json(http.get(PROPERTIES + "/ai_lead_id", admin)).get("groupName").asText())
                .isEqualTo("contactinformation");

        HttpResponse<String> again = http.post(PROPERTIES, admin, AI_LEAD_ID);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("category").asText()).isEqualTo("CONFLICT");
        assertThat(json(again).get("message").asText()).isEqualTo("Property named 'ai_lead_id' already exists.");
        assertThat(http.post(PROPERTIES, admin, AI_LEAD_ID.replace("ai_lead_id", "email")).statusCode())
                .isEqualTo(409);
    }

    @Test
    void typeAndFieldTypeMustFitAndEnumerationsNeedOptions() {
        assertThat(http.post(PROPERTIES, admin, "{'name':'x1','label':'X','type':'number','fieldType':'text',"
                + "'groupName':'contactinformation'}").statusCode()).isEqualTo(400);
        assertThat(http.post(PROPERTIES, admin, "{'name':'x2','label':'X','type':'colour','fieldType':'text',"
                + "'groupName':'contactinformation'}").statusCode()).isEqualTo(400);
        assertThat(http.post(PROPERTIES, admin, "{'name':'x3','label':'X','type':'enumeration','fieldType':'select',"
                + "'groupName':'contactinformation'}").statusCode()).isEqualTo(400);
        assertThat(http.post(PROPERTIES, admin, "{'name':'x4','label':'X','type':'string','fieldType':'text',"
                + "'groupName':'no_group'}").statusCode()).isEqualTo(400);
        assertThat(http.post(PROPERTIES, admin, "{'name':'x5','type':'string','fieldType':'text',"
                + "'groupName':'contactinformation'}").statusCode()).isEqualTo(400);
        assertThat(http.post(PROPERTIES, admin, "{'name':'Bad Name','label':'X','type':'string','fieldType':'text',"
                + "'groupName':'contactinformation'}").statusCode()).isEqualTo(400);
        HttpResponse<String> tiers = http.post(PROPERTIES, admin, "{'name':'tier','label':'Tier','type':'enumeration',"
                + "'fieldType':'checkbox','groupName':'contactinformation','options':[{'label':'Gold','value':'gold'},"
                + "{'label':'Silver','value':'silver'}]}");
        assertThat(tiers.statusCode()).isEqualTo(201);
        assertThat(json(tiers).get("options")).hasSize(2);

        String token = admin;
        assertThat(http.post(HubSpotHttp.CONTACTS, token,
                "{'properties':{'email':'a@b.example','tier':'gold;silver'}}").statusCode()).isEqualTo(201);
        assertThat(http.post(HubSpotHttp.CONTACTS, token,
                "{'properties':{'email':'c@b.example','tier':'gold;bronze'}}").statusCode()).isEqualTo(400);
    }

    @Test
    void atMostTenUniqueValuePropertiesPerObject() {
        for (int i = 0; i < 10; i++) {
            assertThat(http.post(PROPERTIES, admin, AI_LEAD_ID.replace("ai_lead_id", "key_" + i)).statusCode())
                    .isEqualTo(201);
        }
        assertThat(http.post(PROPERTIES, admin, AI_LEAD_ID).statusCode()).isEqualTo(400);
    }

    @Test
    void groupsCanBeListedAndCreatedOnce() {
        assertThat(json(http.get(PROPERTIES + "/groups", admin)).get("results")).extracting(g -> g.get("name").asText())
                .contains("contactinformation");
        HttpResponse<String> created = http.post(PROPERTIES + "/groups", admin,
                "{'name':'ai_leads','label':'AI Leads','displayOrder':-1}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("label").asText()).isEqualTo("AI Leads");
        assertThat(http.post(PROPERTIES + "/groups", admin, "{'name':'ai_leads','label':'Again'}").statusCode())
                .isEqualTo(409);
        assertThat(json(http.get(PROPERTIES + "/groups/ai_leads", admin)).get("name").asText()).isEqualTo("ai_leads");
        assertThat(http.post(PROPERTIES, admin, AI_LEAD_ID.replace("contactinformation", "ai_leads")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void aRepWithoutPropertySettingsPermissionGets403() {
        String rep = http.token("rep@acme.example");
        HttpResponse<String> property = http.post(PROPERTIES, rep, AI_LEAD_ID);
        assertThat(property.statusCode()).isEqualTo(403);
        assertThat(json(property).get("status").asText()).isEqualTo("error");
        assertThat(json(property).get("correlationId").asText()).isNotBlank();
        assertThat(http.post(PROPERTIES + "/groups", rep, "{'name':'ai_leads','label':'AI Leads'}").statusCode())
                .isEqualTo(403);
        assertThat(http.get(PROPERTIES, rep).statusCode()).isEqualTo(200);
        assertThat(http.get(PROPERTIES + "/ai_lead_id", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void aPropertyCanBePatchedButNotMadeUniqueAndCustomOnesCanBeArchived() {
        http.post(PROPERTIES, admin, "{'name':'tier','label':'Tier','type':'enumeration','fieldType':'select',"
                + "'groupName':'contactinformation','options':[{'label':'Gold','value':'gold'}]}");
        HttpResponse<String> patched = http.patch(PROPERTIES + "/tier", admin, "{'label':'Customer tier',"
                + "'options':[{'label':'Gold','value':'gold'},{'label':'Silver','value':'silver'}]}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(json(patched).get("label").asText()).isEqualTo("Customer tier");
        assertThat(http.post(HubSpotHttp.CONTACTS, admin, "{'properties':{'email':'a@b.example','tier':'silver'}}")
                .statusCode()).isEqualTo(201);
        assertThat(http.patch(PROPERTIES + "/tier", admin, "{'hasUniqueValue':true}").statusCode()).isEqualTo(400);
        assertThat(http.patch(PROPERTIES + "/email", admin, "{'type':'number','fieldType':'number'}").statusCode())
                .isEqualTo(400);
        assertThat(http.patch(PROPERTIES + "/tier", http.token("rep@acme.example"), "{'label':'X'}").statusCode())
                .isEqualTo(403);

        assertThat(http.send("DELETE", PROPERTIES + "/email", admin, null).statusCode()).isEqualTo(400);
        assertThat(http.send("DELETE", PROPERTIES + "/tier", admin, null).statusCode()).isEqualTo(204);
        assertThat(http.get(PROPERTIES + "/tier", admin).statusCode()).isEqualTo(404);
        assertThat(json(http.get(PROPERTIES + "?archived=true", admin)).get("results"))
                .extracting(p -> p.get("name").asText() + ":" + p.get("archived").asBoolean()).containsExactly("tier:true");
        HttpResponse<String> write = http.post(HubSpotHttp.CONTACTS, admin,
                "{'properties':{'email':'c@b.example','tier':'gold'}}");
        assertThat(write.statusCode()).isEqualTo(400);
        assertThat(json(write).get("message").asText()).contains("PROPERTY_DOESNT_EXIST");
        assertThat(http.post(PROPERTIES, admin, "{'name':'tier','label':'Tier','type':'string','fieldType':'text',"
                + "'groupName':'contactinformation'}").statusCode()).isEqualTo(409);
    }
}
