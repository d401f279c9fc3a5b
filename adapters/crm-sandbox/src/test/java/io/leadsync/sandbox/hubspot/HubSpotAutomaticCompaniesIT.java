package io.leadsync.sandbox.hubspot;

import static io.leadsync.sandbox.hubspot.HubSpotHttp.CONTACTS;
import static io.leadsync.sandbox.hubspot.HubSpotHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The portal setting that creates and associates a company from a new contact's e-mail domain, on by default. */
class HubSpotAutomaticCompaniesIT {

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

    private String companyOf(String contactId) {
        JsonNode associations = json(http.get("/crm/v4/objects/contact/" + contactId + "/associations/company", token));
        return associations.at("/results/0/toObjectId").asText("");
    }

    @Test
    void aNewContactGetsItsDomainsCompanyCreatedOnceAndAssociated() {
        HttpResponse<String> batch = http.post(CONTACTS + "/batch/create", token, "{'inputs':["
                + "{'properties':{'email':'ada@analytical.example'}},{'properties':{'email':'bob@Analytical.example'}},"
                + "{'properties':{'email':'cy@babbage.example'}}]}");
        assertThat(batch.statusCode()).isEqualTo(201);
        List<Map<String, Object>> companies = sandbox.records("companies");
        assertThat(companies).hasSize(2).extracting(c -> String.valueOf(((Map<?, ?>) c.get("properties")).get("domain")))
                .containsExactlyInAnyOrder("analytical.example", "babbage.example");
        JsonNode results = json(batch).get("results");
        assertThat(companyOf(results.get(0).get("id").asText())).isNotEmpty()
                .isEqualTo(companyOf(results.get(1).get("id").asText()));
        assertThat(companyOf(results.get(2).get("id").asText())).isNotEmpty();

        // A company that already has the domain, made by a rep, is adopted rather than doubled.
        String existing = json(http.post("/crm/v3/objects/companies", token,
                "{'properties':{'name':'Difference Engines','domain':'difference.example'}}")).get("id").asText();
        String contact = json(http.post(CONTACTS, token, "{'properties':{'email':'dee@difference.example'}}"))
                .get("id").asText();
        assertThat(companyOf(contact)).isEqualTo(existing);
        assertThat(sandbox.records("companies")).hasSize(3);
    }

    @Test
    void freeMailAndContactsWithoutEmailGetNoCompany() {
        String gmail = json(http.post(CONTACTS, token, "{'properties':{'email':'ada@gmail.com'}}")).get("id").asText();
        String nameOnly = json(http.post(CONTACTS, token, "{'properties':{'lastname':'Lovelace'}}")).get("id").asText();
        assertThat(companyOf(gmail)).isEmpty();
        assertThat(companyOf(nameOnly)).isEmpty();
        assertThat(sandbox.records("companies")).isEmpty();
    }

    @Test
    void theControlApiSwitchesItOffAndOn() {
        assertThat(json(http.get("/__sandbox/hubspot/automatic-companies", null)).get("enabled").asBoolean()).isTrue();
        assertThat(http.post("/__sandbox/hubspot/automatic-companies", null, "{'enabled':false}").statusCode())
                .isEqualTo(204);
        String off = json(http.post(CONTACTS, token, "{'properties':{'email':'ada@analytical.example'}}"))
                .get("id").asText();
        assertThat(companyOf(off)).isEmpty();
        assertThat(sandbox.records("companies")).isEmpty();

        sandbox.automaticCompanies(true);
        String on = json(http.post(CONTACTS, token, "{'properties':{'email':'bob@analytical.example'}}"))
                .get("id").asText();
        assertThat(companyOf(on)).isNotEmpty();
        assertThat(http.post("/__sandbox/hubspot/automatic-companies", null, "{}").statusCode()).isEqualTo(400);
    }
}
