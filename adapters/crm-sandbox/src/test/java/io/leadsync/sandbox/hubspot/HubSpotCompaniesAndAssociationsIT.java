package io.leadsync.sandbox.hubspot;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.CONTACTS;
import static io.leadsync.sandbox.hubspot.HubSpotHttp.json;
import static io.leadsync.sandbox.hubspot.HubSpotHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubSpotCompaniesAndAssociationsIT {

    private static final String COMPANIES = "/crm/v3/objects/companies";
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
        sandbox.searchLag(java.time.Duration.ZERO);
        // These tests count the associations they make themselves; the portal's own ones are HubSpotAutomaticCompaniesIT's.
        sandbox.automaticCompanies(false);
        token = http.token("admin@acme.example");
    }

    private String create(String path, String properties) {
        HttpResponse<String> response = http.post(path, token, "{'properties':" + properties + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asText();
    }

    @Test
    void companiesHaveTheirOwnPropertiesAndHsLastModifiedDate() {
        String id = create(COMPANIES, "{'name':'Acme Robotics','domain':'acme-robotics.example','city':'Boston'}");
        JsonNode company = json(http.get(COMPANIES + "/" + id, token));
        assertThat(company.get("properties").has("hs_lastmodifieddate")).isTrue();
        assertThat(company.get("properties").has("lastmodifieddate")).isFalse();
        assertThat(company.at("/properties/domain").asText()).isEqualTo("acme-robotics.example");
        assertThat(company.get("properties").has("city")).isFalse();

        create(COMPANIES, "{'name':'Acme Robotics (EU)','domain':'acme-robotics.example'}");
        HttpResponse<String> unknown = http.post(COMPANIES, token, "{'properties':{'email':'x@y.example'}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("message").asText()).contains("PROPERTY_DOESNT_EXIST");

        HttpResponse<String> batch = http.post(COMPANIES + "/batch/create", token, "{'inputs':["
                + "{'properties':{'name':'One'}},{'properties':{'name':'Two','numberofemployees':'many'}}]}");
        assertThat(batch.statusCode()).isEqualTo(207);
        assertThat(json(batch).get("results")).hasSize(1);

        JsonNode found = json(http.post(COMPANIES + "/search", token, "{'filterGroups':[{'filters':[{'propertyName':"
                + "'domain','operator':'EQ','value':'acme-robotics.example'}]}],'sorts':[{'propertyName':"
                + "'hs_lastmodifieddate','direction':'DESCENDING'}],'properties':['name']}"));
        assertThat(found.get("total").asInt()).isEqualTo(2);
        assertThat(http.patch(COMPANIES + "/" + id, token, "{'properties':{'city':'Cambridge'}}").statusCode())
                .isEqualTo(200);
        assertThat(http.send("DELETE", COMPANIES + "/" + id, token, null).statusCode()).isEqualTo(204);
        assertThat(http.get(COMPANIES + "/" + id, token).statusCode()).isEqualTo(404);
    }

    @Test
    void aDefaultAssociationIsStoredBothWays() {
        String contact = create(CONTACTS, "{'email':'ada@acme.example'}");
        String company = create(COMPANIES, "{'name':'Acme'}");

        HttpResponse<String> put = http.send("PUT", "/crm/v4/objects/contacts/" + contact
                + "/associations/default/companies/" + company, token, null);
        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode results = json(put).get("results");
        assertThat(results).extracting(r -> r.at("/associationSpec/associationTypeId").asInt())
                .containsExactlyInAnyOrder(279, 280);
        assertThat(results).allMatch(r -> r.at("/associationSpec/associationCategory").asText()
                .equals("HUBSPOT_DEFINED"));

        JsonNode fromContact = json(http.get("/crm/v4/objects/contact/" + contact + "/associations/company", token));
        assertThat(fromContact.get("results")).containsExactly(tree("{'toObjectId':" + company + ","
                + "'associationTypes':[{'category':'HUBSPOT_DEFINED','typeId':279,'label':null}]}"));
        JsonNode fromCompany = json(http.get("/crm/v4/objects/0-2/" + company + "/associations/0-1", token));
        assertThat(fromCompany.at("/results/0/toObjectId").asLong()).isEqualTo(Long.parseLong(contact));
        assertThat(fromCompany.at("/results/0/associationTypes/0/typeId").asInt()).isEqualTo(280);

        JsonNode withAssociations = json(http.get(CONTACTS + "/" + contact + "?associations=companies", token));
        assertThat(withAssociations.at("/associations/companies/results/0")).isEqualTo(tree("{'id':'" + company
                + "','type':'contact_to_company_unlabeled'}"));
        assertThat(json(http.get(CONTACTS + "?associations=companies", token)).at("/results/0/associations/companies"
                + "/results/0/id").asText()).isEqualTo(company);

        assertThat(http.send("DELETE", "/crm/v4/objects/contact/" + contact + "/associations/company/" + company,
                token, null).statusCode()).isEqualTo(204);
        assertThat(json(http.get("/crm/v4/objects/contact/" + contact + "/associations/company", token))
                .get("results")).isEmpty();
        assertThat(json(http.get(CONTACTS + "/" + contact + "?associations=companies", token)).has("associations"))
                .isFalse();
    }

    @Test
    void aLabelledPutNeedsTheRightTypeId() {
        String contact = create(CONTACTS, "{'email':'ada@acme.example'}");
        String company = create(COMPANIES, "{'name':'Acme'}");
        String path = "/crm/v4/objects/contact/" + contact + "/associations/company/" + company;
        assertThat(http.send("PUT", path, token, "[{'associationCategory':'HUBSPOT_DEFINED','associationTypeId':280}]")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> ok = http.send("PUT", path, token,
                "[{'associationCategory':'HUBSPOT_DEFINED','associationTypeId':279}]");
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(json(ok)).isEqualTo(tree("{'fromObjectTypeId':'0-1','fromObjectId':" + contact + ","
                + "'toObjectTypeId':'0-2','toObjectId':" + company + ",'labels':[]}"));
        assertThat(http.send("PUT", "/crm/v4/objects/contact/" + contact + "/associations/default/company/424242",
                token, null).statusCode()).isEqualTo(404);
    }

    @Test
    void batchAssociateDefaultAndBatchRead() {
        String a = create(CONTACTS, "{'email':'a@acme.example'}");
        String b = create(CONTACTS, "{'email':'b@acme.example'}");
        String company = create(COMPANIES, "{'name':'Acme'}");

        HttpResponse<String> associate = http.post("/crm/v4/associations/contact/company/batch/associate/default",
                token, "{'inputs':[{'from':{'id':'" + a + "'},'to':{'id':'" + company + "'}}]}");
        assertThat(associate.statusCode()).isEqualTo(200);
        assertThat(json(associate).get("results")).hasSize(2);
        HttpResponse<String> partly = http.post("/crm/v4/associations/contacts/companies/batch/associate/default",
                token, "{'inputs':[{'from':{'id':'" + b + "'},'to':{'id':'" + company + "'}},"
                        + "{'from':{'id':'99999'},'to':{'id':'" + company + "'}}]}");
        assertThat(partly.statusCode()).isEqualTo(207);
        assertThat(json(partly).get("numErrors").asInt()).isEqualTo(1);

        http.send("DELETE", CONTACTS + "/" + b, token, null);
        HttpResponse<String> read = http.post("/crm/v4/associations/contact/company/batch/read", token,
                "{'inputs':[{'id':'" + a + "'},{'id':'" + b + "'}]}");
        assertThat(read.statusCode()).isEqualTo(207);
        assertThat(json(read).at("/results/0/from/id").asText()).isEqualTo(a);
        assertThat(json(read).at("/results/0/to/0/toObjectId").asLong()).isEqualTo(Long.parseLong(company));
        assertThat(json(read).at("/errors/0/subCategory").asText()).isEqualTo("crm.associations.NO_ASSOCIATIONS_FOUND");
        JsonNode companySide = json(http.get("/crm/v4/objects/companies/" + company + "/associations/contacts", token));
        assertThat(companySide.get("results")).hasSize(1);
    }

    /** HubSpot's limit since February 2025 (developer changelog): at most 1,000 ids per association batch read. */
    @Test
    void anAssociationBatchReadTakesAThousandIdsAndRefusesMore() {
        String a = create(CONTACTS, "{'email':'a@acme.example'}");
        StringBuilder thousand = new StringBuilder("{'id':'" + a + "'}");
        for (int i = 1; i < 1000; i++) {
            thousand.append(",{'id':'").append(900_000 + i).append("'}");
        }

        HttpResponse<String> read = http.post("/crm/v4/associations/contact/company/batch/read", token,
                "{'inputs':[" + thousand + "]}");
        HttpResponse<String> tooMany = http.post("/crm/v4/associations/contact/company/batch/read", token,
                "{'inputs':[" + thousand + ",{'id':'1'}]}");

        assertThat(read.statusCode()).isEqualTo(207);
        assertThat(json(read).get("numErrors").asInt()).isEqualTo(1000);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).get("category").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(json(tooMany).get("message").asText()).contains("1001").contains("1000");
    }

    @Test
    void associationsCanBeSetOnCreateAndSearchedByThePseudoProperty() {
        String company = create(COMPANIES, "{'name':'Acme'}");
        HttpResponse<String> created = http.post(CONTACTS, token, "{'properties':{'email':'ada@acme.example'},"
                + "'associations':[{'to':{'id':'" + company + "'},'types':[{'associationCategory':'HUBSPOT_DEFINED',"
                + "'associationTypeId':279}]}]}");
        assertThat(created.statusCode()).isEqualTo(201);
        create(CONTACTS, "{'email':'other@acme.example'}");
        JsonNode found = json(http.post(CONTACTS + "/search", token, "{'filterGroups':[{'filters':[{'propertyName':"
                + "'associations.company','operator':'EQ','value':'" + company + "'}]}],'properties':['email']}"));
        assertThat(found.get("results")).extracting(r -> r.at("/properties/email").asText())
                .containsExactly("ada@acme.example");
        JsonNode notIn = json(http.post(CONTACTS + "/search", token, "{'filterGroups':[{'filters':[{'propertyName':"
                + "'associations.company','operator':'NOT_IN','values':['" + company + "']}]}],'properties':['email']}"));
        assertThat(notIn.get("results")).extracting(r -> r.at("/properties/email").asText())
                .containsExactly("other@acme.example");
        assertThat(http.post(CONTACTS, token, "{'properties':{'email':'x@acme.example'},'associations':[{'to':{'id':"
                + "'" + company + "'},'types':[{'associationCategory':'HUBSPOT_DEFINED','associationTypeId':1234}]}]}")
                .statusCode()).isEqualTo(400);
    }
}
