package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The org's Lead assignment rule, on by default as in a real org, and {@code Sforce-Auto-Assign} as Salesforce
 * documents it: absent = TRUE on creates and updates, FALSE runs no rule, an AssignmentRule id runs on creates.
 */
class AssignmentRuleIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private static final String LEAD = "{\"LastName\":\"Doe\",\"Company\":\"Acme\"}";
    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;
    private String token;
    private String admin;
    private String rep;

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
        token = http.adminToken();
        admin = sandbox.userId("admin@acme.example");
        rep = sandbox.userId("rep@acme.example");
    }

    private String create(Map<String, String> headers) {
        HttpResponse<String> response = http.send("POST", V + "/sobjects/Lead/", token, LEAD, headers);
        assertThat(response.statusCode()).isEqualTo(201);
        return json(response).get("id").asText();
    }

    private String owner(String id) {
        return json(http.get(V + "/sobjects/Lead/" + id + "?fields=OwnerId", token)).get("OwnerId").asText();
    }

    private JsonNode query(String soql) {
        return json(http.get(V + "/query?q=" + HttpCall.encode(soql), token));
    }

    @Test
    void a_create_without_the_header_gives_the_lead_to_the_rep_the_rule_names() {
        assertThat(owner(create(Map.of()))).isEqualTo(rep);
    }

    @Test
    void false_keeps_the_lead_with_the_api_user_on_create_and_update() {
        String id = create(Map.of("Sforce-Auto-Assign", "false"));
        assertThat(owner(id)).isEqualTo(admin);

        http.send("PATCH", V + "/sobjects/Lead/" + id, token, "{\"Title\":\"CTO\"}",
                Map.of("Sforce-Auto-Assign", "FALSE"));
        assertThat(owner(id)).isEqualTo(admin);
    }

    @Test
    void an_update_without_the_header_runs_the_rule_again_and_takes_the_lead_from_its_owner() {
        String id = create(Map.of("Sforce-Auto-Assign", "FALSE"));

        HttpResponse<String> update = http.send("PATCH", V + "/sobjects/Lead/" + id, token, "{\"Title\":\"CTO\"}");

        assertThat(update.statusCode()).isEqualTo(204);
        assertThat(owner(id)).isEqualTo(rep);
    }

    @Test
    void a_rule_id_runs_on_create_only_and_the_rule_is_queryable() {
        JsonNode rules = query("SELECT Id, Name FROM AssignmentRule WHERE SobjectType = 'Lead' AND Active = true");
        assertThat(rules.get("totalSize").asInt()).isEqualTo(1);
        String ruleId = rules.get("records").get(0).get("Id").asText();
        assertThat(rules.get("records").get(0).get("Name").asText()).isEqualTo("Standard Lead Assignment");

        String id = create(Map.of("Sforce-Auto-Assign", ruleId));
        assertThat(owner(id)).isEqualTo(rep);
        sandbox.editAsRep("Lead", id, Map.of("OwnerId", admin));
        http.send("PATCH", V + "/sobjects/Lead/" + id, token, "{\"Title\":\"CTO\"}",
                Map.of("Sforce-Auto-Assign", ruleId));
        assertThat(owner(id)).isEqualTo(admin);
    }

    @Test
    void collections_follow_the_header_for_every_record() {
        String body = "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"A\","
                + "\"Company\":\"Acme\"},{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"B\",\"Company\":\"Acme\"}]}";
        JsonNode assigned = json(http.send("POST", V + "/composite/sobjects", token, body));
        JsonNode kept = json(http.send("POST", V + "/composite/sobjects", token, body,
                Map.of("Sforce-Auto-Assign", "False")));

        assertThat(owner(assigned.get(0).get("id").asText())).isEqualTo(rep);
        assertThat(owner(assigned.get(1).get("id").asText())).isEqualTo(rep);
        assertThat(owner(kept.get(0).get("id").asText())).isEqualTo(admin);
        assertThat(owner(kept.get(1).get("id").asText())).isEqualTo(admin);
    }

    @Test
    void a_deactivated_rule_assigns_nothing() {
        http.send("POST", "/__sandbox/salesforce/assignment-rule", null, "{\"active\":false}");

        assertThat(owner(create(Map.of()))).isEqualTo(admin);
        assertThat(query("SELECT Id FROM AssignmentRule WHERE Active = true").get("totalSize").asInt()).isZero();
    }

    @Test
    void users_are_readable_by_soql_with_the_rep_second() {
        JsonNode users = query("SELECT Id, Username, Email, Name, IsActive, ProfileId FROM User ORDER BY Username");

        assertThat(users.get("totalSize").asInt()).isEqualTo(2);
        JsonNode second = query("SELECT Id, Name, IsActive, ProfileId FROM User WHERE Username = 'rep@acme.example'")
                .get("records").get(0);
        assertThat(second.get("Id").asText()).isEqualTo(rep);
        assertThat(second.get("Name").asText()).isEqualTo("Rory Rep");
        assertThat(second.get("IsActive").asBoolean()).isTrue();
        assertThat(second.get("ProfileId").asText()).startsWith("00e");
    }

    @Test
    void the_resources_by_version_name_the_callers_identity() {
        JsonNode resources = json(http.get(V + "/", token));

        assertThat(resources.get("identity").asText()).endsWith("/id/" + SalesforceSandbox.ORG_ID + "/" + admin);
        assertThat(resources.get("sobjects").asText()).isEqualTo(V + "/sobjects");
    }
}
