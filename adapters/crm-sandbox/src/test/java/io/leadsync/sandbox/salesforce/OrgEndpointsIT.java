package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The org's Flow actions and Apex REST resources answer with Salesforce's shapes and errors (issue 18). */
class OrgEndpointsIT {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
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
        sandbox.registerFlow("Create_Lead", "Create Lead", "Company", "Blocked Co", "Blocked Co is not accepted");
        sandbox.registerApexRest("LeadIntake", "/leads/*", null, null, null);
        token = http.adminToken();
    }

    @Test
    void the_flow_list_names_each_autolaunched_flow_with_its_url() {
        HttpResponse<String> listed = http.send("GET", V + "/actions/custom/flow", token, null);

        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode action = json(listed).get("actions").get(0);
        assertThat(action.get("name").asText()).isEqualTo("Create_Lead");
        assertThat(action.get("label").asText()).isEqualTo("Create Lead");
        assertThat(action.get("type").asText()).isEqualTo("FLOW");
        assertThat(action.get("url").asText()).isEqualTo(V + "/actions/custom/flow/Create_Lead");
    }

    @Test
    void a_flow_creates_a_lead_per_input_and_reports_a_custom_error_per_input() {
        HttpResponse<String> invoked = http.send("POST", V + "/actions/custom/flow/Create_Lead", token,
                "{\"inputs\":[{\"LastName\":\"Doe\",\"Company\":\"Acme\"}]}");

        assertThat(invoked.statusCode()).isEqualTo(200);
        JsonNode result = json(invoked).get(0);
        assertThat(result.get("actionName").asText()).isEqualTo("Create_Lead");
        assertThat(result.get("isSuccess").asBoolean()).isTrue();
        assertThat(result.get("errors").isNull()).isTrue();
        assertThat(result.get("outputValues").get("Flow__InterviewStatus").asText()).isEqualTo("Finished");
        assertThat(sandbox.createdByFlow("Create_Lead")).hasSize(1);

        HttpResponse<String> refused = http.send("POST", V + "/actions/custom/flow/Create_Lead", token,
                "{\"inputs\":[{\"LastName\":\"Roe\",\"Company\":\"Blocked Co\"}]}");
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode failed = json(refused).get(0);
        assertThat(failed.get("isSuccess").asBoolean()).isFalse();
        assertThat(failed.get("outputValues").isNull()).isTrue();
        assertThat(failed.get("errors").get(0).get("statusCode").asText())
                .isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        assertThat(failed.get("errors").get(0).get("message").asText()).isEqualTo("Blocked Co is not accepted");
        assertThat(sandbox.createdByFlow("Create_Lead")).hasSize(1);

        HttpResponse<String> missingField = http.send("POST", V + "/actions/custom/flow/Create_Lead", token,
                "{\"inputs\":[{\"Company\":\"Acme\"}]}");
        assertThat(json(missingField).get(0).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(http.send("POST", V + "/actions/custom/flow/No_Such_Flow", token, "{\"inputs\":[{}]}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void an_apex_resource_takes_the_json_body_and_an_uncaught_dml_failure_is_an_apex_error() {
        HttpResponse<String> created = http.send("POST", "/services/apexrest/leads", token,
                "{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"Email\":\"doe@acme.example\"}");

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(json(created).get("success").asBoolean()).isTrue();
        assertThat(json(created).get("id").asText()).startsWith("00Q");
        assertThat(created.headers().firstValue("Sforce-Limit-Info")).isPresent();

        HttpResponse<String> failed = http.send("POST", "/services/apexrest/leads/new", token,
                "{\"Company\":\"Acme\"}");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(failed).get(0).get("errorCode").asText()).isEqualTo("APEX_ERROR");
        assertThat(json(failed).get(0).get("message").asText())
                .startsWith("System.DmlException: Insert failed. First exception on row 0; first error: "
                        + "REQUIRED_FIELD_MISSING");

        HttpResponse<String> unknown = http.send("POST", "/services/apexrest/nothing-here", token, "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get(0).get("errorCode").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void an_expired_session_is_401_invalid_session_id_at_both() {
        sandbox.tokenLifetime(Duration.ofMinutes(1));
        CLOCK.advance(Duration.ofMinutes(2));

        HttpResponse<String> apex = http.send("POST", "/services/apexrest/leads", token, "{\"LastName\":\"Doe\"}");
        HttpResponse<String> flow = http.send("POST", V + "/actions/custom/flow/Create_Lead", token,
                "{\"inputs\":[{\"LastName\":\"Doe\"}]}");

        for (HttpResponse<String> response : java.util.List.of(apex, flow)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
        }
        assertThat(sandbox.createdByApexClass("LeadIntake")).isEmpty();
    }

    @Test
    void the_tooling_api_lists_apex_classes_with_their_rest_resource_in_the_source() {
        String soql = "SELECT Id, Name, NamespacePrefix, Body FROM ApexClass WHERE Status = 'Active'";
        HttpResponse<String> listed = http.send("GET", V + "/tooling/query?q="
                + URLEncoder.encode(soql, StandardCharsets.UTF_8), token, null);

        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode body = json(listed);
        assertThat(body.get("entityTypeName").asText()).isEqualTo("ApexClass");
        JsonNode row = body.get("records").get(0);
        assertThat(row.get("Name").asText()).isEqualTo("LeadIntake");
        assertThat(row.get("Id").asText()).startsWith("01p");
        assertThat(row.get("Body").asText()).contains("@RestResource(urlMapping='/leads/*')");
    }
}
