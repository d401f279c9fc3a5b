package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebToLeadIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private static final String SERVLET = "/servlet/servlet.WebToLead?encoding=UTF-8";
    private static final String OID = SalesforceSandbox.ORG_ID.substring(0, 15);
    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;

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
    }

    private static Map<String, String> form(String lastName) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("oid", OID);
        form.put("retURL", "https://example.com/thanks");
        form.put("first_name", "Ada");
        form.put("last_name", lastName);
        form.put("email", "ada@example.com");
        form.put("company", "Acme");
        return form;
    }

    private static HttpResponse<String> post(Map<String, String> form) {
        return http.form(SERVLET, form);
    }

    private static JsonNode stats() {
        return json(http.get("/__sandbox/salesforce/web-to-lead", null));
    }

    @Test
    void a_submission_creates_a_lead_from_the_form_names_and_answers_a_redirect_page() {
        String fieldId = sandbox.addCustomField("Lead", FieldDefinition.customText("Campaign_Code__c", "Campaign", 40,
                false, false));
        Map<String, String> form = form("Lovelace");
        form.put("title", "CTO");
        form.put("phone", "+44 20 1234");
        form.put("mobile", "+44 7700 1234");
        form.put("city", "London");
        form.put("URL", "https://ada.example");
        form.put("lead_source", "Web");
        form.put("description", "Wants a demo");
        form.put(fieldId.substring(0, 15), "SPRING-26");
        form.put("emailOptOut", "1");
        form.put("debugEmail", "admin@example.com");

        HttpResponse<String> response = post(form);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/html"));
        assertThat(response.body()).contains("https://example.com/thanks");
        Map<String, Object> lead = sandbox.records("Lead").get(0);
        assertThat(lead).containsEntry("FirstName", "Ada").containsEntry("LastName", "Lovelace")
                .containsEntry("Email", "ada@example.com").containsEntry("Company", "Acme")
                .containsEntry("Title", "CTO").containsEntry("Phone", "+44 20 1234")
                .containsEntry("MobilePhone", "+44 7700 1234").containsEntry("City", "London")
                .containsEntry("Website", "https://ada.example").containsEntry("LeadSource", "Web")
                .containsEntry("Description", "Wants a demo").containsEntry("Campaign_Code__c", "SPRING-26")
                .containsEntry("HasOptedOutOfEmail", true)
                .containsEntry("CreatedById", sandbox.userId("admin@acme.example"))
                // Web-to-Lead leads go through the org's active Lead assignment rule, which routes to the rep.
                .containsEntry("OwnerId", sandbox.userId("rep@acme.example"));
        assertThat(stats().get("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void the_org_id_a_form_carries_is_the_one_the_readme_shows() {
        assertThat(OID).isEqualTo("00DDn000000Acme");
    }

    @Test
    void the_eighteen_character_org_id_is_accepted_too_but_another_org_gets_nothing() {
        Map<String, String> ours = form("Doe");
        ours.put("oid", SalesforceSandbox.ORG_ID);
        Map<String, String> theirs = form("Roe");
        theirs.put("oid", "00D000000000001");

        assertThat(post(ours).statusCode()).isEqualTo(200);
        assertThat(post(theirs).statusCode()).isEqualTo(200);

        assertThat(sandbox.records("Lead")).extracting(r -> r.get("LastName")).containsExactly("Doe");
    }

    @Test
    void a_submission_without_required_data_is_silently_dropped() {
        Map<String, String> noCompany = form("Doe");
        noCompany.remove("company");
        Map<String, String> tooLong = form("x".repeat(81));

        HttpResponse<String> first = post(noCompany);
        HttpResponse<String> second = post(tooLong);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(post(form("Fine")).body());
        assertThat(sandbox.records("Lead")).hasSize(1);
        assertThat(stats().get("rejected").asInt()).isEqualTo(2);
    }

    @Test
    void the_email_format_is_not_validated() {
        Map<String, String> form = form("Doe");
        form.put("email", "not-an-email");

        post(form);

        assertThat(sandbox.records("Lead")).singleElement()
                .satisfies(lead -> assertThat(lead).containsEntry("Email", "not-an-email"));
    }

    @Test
    void five_hundred_leads_a_day_by_default_and_with_no_queue_the_rest_are_dropped() throws Exception {
        assertThat(stats().get("dailyLimit").asInt()).isEqualTo(500);
        assertThat(stats().get("pendingLimit").asInt()).isEqualTo(50_000);
        sandbox.webToLeadLimits(500, 0);
        // In parallel only to keep the test short; each post waits on the loopback round trip, not on the sandbox.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            String name = "Lead " + i;
            posts.add(() -> post(form(name)).statusCode());
        }
        for (Future<Integer> status : pool.invokeAll(posts)) {
            assertThat(status.get()).isEqualTo(200);
        }
        pool.shutdown();

        assertThat(sandbox.records("Lead")).hasSize(500);
        assertThat(stats()).isEqualTo(tree("{'dailyLimit':500,'pendingLimit':0,'createdLast24h':500,'accepted':500,"
                + "'pending':0,'dropped':1,'rejected':0}"));
    }

    @Test
    void past_the_daily_limit_submissions_queue_and_are_created_when_the_rolling_day_frees_room() {
        assertThat(http.send("POST", "/__sandbox/salesforce/web-to-lead", null,
                "{\"dailyLimit\":2,\"pendingLimit\":1}").statusCode()).isEqualTo(200);
        post(form("One"));
        CLOCK.advance(Duration.ofHours(1));
        post(form("Two"));
        post(form("Three"));
        post(form("Four"));

        assertThat(stats()).isEqualTo(tree("{'dailyLimit':2,'pendingLimit':1,'createdLast24h':2,'accepted':2,"
                + "'pending':1,'dropped':1,'rejected':0}"));

        CLOCK.advance(Duration.ofHours(23));
        String token = http.adminToken();
        JsonNode names = json(http.get(V + "/query?q=SELECT+LastName+FROM+Lead+ORDER+BY+LastName", token));

        assertThat(names.get("totalSize").asInt()).isEqualTo(3);
        assertThat(names.get("records").findValuesAsText("LastName")).containsExactly("One", "Three", "Two");
        assertThat(stats().get("pending").asInt()).isZero();
    }

    @Test
    void debug_shows_the_fields_received_instead_of_redirecting() {
        Map<String, String> form = form("Doe");
        form.put("debug", "1");

        HttpResponse<String> response = post(form);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("last_name").contains("Doe").doesNotContain("Refresh");
    }

    @Test
    void web_to_lead_is_counted_but_is_not_an_api_call() {
        post(form("Doe"));

        assertThat(sandbox.callCounts()).containsEntry("POST /servlet/servlet.WebToLead", 1L);
        assertThat(json(http.send("POST", "/__sandbox/salesforce/limits", null, "{\"dailyApiRequests\":15000}"))
                .get("DailyApiRequests").get("Remaining").asInt()).isEqualTo(15000);
    }
}
