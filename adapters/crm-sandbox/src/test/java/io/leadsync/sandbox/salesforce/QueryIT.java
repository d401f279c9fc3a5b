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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SOQL over HTTP: the pull query LeadSync runs, paging, field-level security, COUNT(), queryAll, Organization. */
class QueryIT {
    private static final String EXT = "Ext_Lead_Id__c";
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
        sandbox.addCustomField("Lead", FieldDefinition.customText(EXT, "Ext Lead Id", 255, true, true));
        sandbox.fieldAccess("Lead", EXT, "admin@acme.example", true, true);
        token = http.adminToken();
    }

    @Test
    void the_incremental_pull_query_pages_by_modstamp_and_id() {
        // 100 a second, as a busy org: pages must cut through records sharing a SystemModstamp.
        for (int from = 0; from < 450; from += 100) {
            createAll(from, Math.min(from + 100, 450));
            CLOCK.advance(Duration.ofSeconds(1));
        }
        String soql = "SELECT Id, LastName, SystemModstamp FROM Lead WHERE SystemModstamp >= 2026-01-05T09:00:00Z "
                + "ORDER BY SystemModstamp, Id";

        List<JsonNode> all = new ArrayList<>();
        JsonNode page = SandboxHttp.json(http.send("GET", SandboxHttp.V + "/query?q=" + encode(soql), token, null));
        all.addAll(records(page));
        int pages = 1;
        while (!page.get("done").asBoolean()) {
            page = SandboxHttp.json(http.get(page.get("nextRecordsUrl").asText(), token));
            all.addAll(records(page));
            pages++;
        }

        assertThat(page.get("totalSize").asInt()).isEqualTo(450);
        assertThat(pages).isEqualTo(1);
        assertThat(all).hasSize(450);
        assertThat(all.get(0).get("attributes").get("type").asText()).isEqualTo("Lead");
        assertThat(all).extracting(record -> record.get("SystemModstamp").asText()).isSorted();
    }

    @Test
    void a_smaller_batch_size_gives_next_records_urls_until_done() {
        createAll(0, 200);
        createAll(200, 400);
        createAll(400, 450);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl()
                        + SandboxHttp.V + "/query?q=" + encode("SELECT Id FROM Lead ORDER BY Id")))
                .header("Authorization", "Bearer " + token).header("Sforce-Query-Options", "batchSize=200").GET().build();
        JsonNode first = SandboxHttp.json(send(request));

        assertThat(first.get("done").asBoolean()).isFalse();
        assertThat(records(first)).hasSize(200);
        assertThat(first.get("nextRecordsUrl").asText()).matches("/services/data/v62.0/query/01g\\w+-200");
    }

    @Test
    void a_field_the_user_cannot_read_does_not_exist_for_the_query() {
        sandbox.addCustomField("Lead", FieldDefinition.customText("Hidden__c", "Hidden", 255, false, false));

        HttpResponse<String> response = http.get(SandboxHttp.V + "/query?q="
                + encode("SELECT Id, Hidden__c FROM Lead"), token);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = SandboxHttp.json(response).get(0);
        assertThat(error.get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(error.get("message").asText()).startsWith("No such column 'Hidden__c' on entity 'Lead'");
    }

    @Test
    void count_where_and_query_all_with_deleted_records() {
        String first = create("L-1");
        create("L-2");
        http.send("DELETE", SandboxHttp.V + "/sobjects/Lead/" + first, token, null);

        JsonNode live = SandboxHttp.json(http.get(SandboxHttp.V + "/query?q=" + encode("SELECT COUNT() FROM Lead"), token));
        JsonNode all = SandboxHttp.json(http.get(SandboxHttp.V + "/queryAll?q="
                + encode("SELECT Id, IsDeleted FROM Lead WHERE IsDeleted = true"), token));

        assertThat(live.get("totalSize").asInt()).isEqualTo(1);
        assertThat(records(all)).singleElement().satisfies(record -> assertThat(record.get("Id").asText()).isEqualTo(first));
    }

    @Test
    void the_organization_has_its_name() {
        JsonNode org = SandboxHttp.json(http.get(SandboxHttp.V + "/query?q="
                + encode("SELECT Id, Name FROM Organization"), token));

        assertThat(records(org)).singleElement().satisfies(record ->
                assertThat(record.get("Name").asText()).isEqualTo("Acme Corp"));
    }

    @Test
    void a_malformed_query_is_refused() {
        HttpResponse<String> response = http.get(SandboxHttp.V + "/query?q=" + encode("SELECT Id FORM Lead"), token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(response).get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
    }

    private String create(String ext) {
        HttpResponse<String> created = http.send("POST", SandboxHttp.V + "/sobjects/Lead", token,
                "{\"LastName\":\"Doe\",\"Company\":\"Acme\",\"" + EXT + "\":\"" + ext + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return SandboxHttp.json(created).get("id").asText();
    }

    /**
     * Leads L-from to L-(to - 1), in one sObject Collections request (the query is under test, not the creates: 450
     * single creates took most of this class's 40 s).
     */
    private void createAll(int from, int to) {
        StringBuilder records = new StringBuilder();
        for (int i = from; i < to; i++) {
            records.append(i == from ? "" : ",").append("{\"attributes\":{\"type\":\"Lead\"},\"LastName\":\"Doe\",")
                    .append("\"Company\":\"Acme\",\"").append(EXT).append("\":\"L-").append(i).append("\"}");
        }
        HttpResponse<String> created = http.send("POST", SandboxHttp.V + "/composite/sobjects", token,
                "{\"allOrNone\":true,\"records\":[" + records + "]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode results = SandboxHttp.json(created);
        assertThat(results).hasSize(to - from);
        results.forEach(result -> assertThat(result.get("success").asBoolean()).as(result.toString()).isTrue());
    }

    private static List<JsonNode> records(JsonNode page) {
        List<JsonNode> records = new ArrayList<>();
        page.get("records").forEach(records::add);
        return records;
    }

    private static HttpResponse<String> send(java.net.http.HttpRequest request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String soql) {
        return URLEncoder.encode(soql, StandardCharsets.UTF_8);
    }
}
