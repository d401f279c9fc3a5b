package io.leadsync.sandbox.salesforce;

import static io.leadsync.sandbox.salesforce.SandboxHttp.V;
import static io.leadsync.sandbox.salesforce.SandboxHttp.json;
import static io.leadsync.sandbox.salesforce.SandboxHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BulkIngestIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private static final String EXT = "Ext__c";
    private static final String JOBS = V + "/jobs/ingest";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
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
        sandbox.addCustomField("Lead", FieldDefinition.customText(EXT, "Ext", 255, true, true));
        sandbox.fieldAccess("Lead", EXT, "admin@acme.example", true, true);
        token = http.adminToken();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private JsonNode createUpsertJob() {
        HttpResponse<String> response = http.send("POST", JOBS, token, "{\"object\":\"Lead\",\"externalIdFieldName\":"
                + "\"" + EXT + "\",\"contentType\":\"CSV\",\"operation\":\"upsert\",\"lineEnding\":\"LF\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    private JsonNode createJob(String operation) {
        HttpResponse<String> response = http.send("POST", JOBS, token, "{\"object\":\"Lead\",\"contentType\":\"CSV\","
                + "\"operation\":\"" + operation + "\",\"lineEnding\":\"LF\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> put(JsonNode job, String csv) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/" + job.get("contentUrl").asText()))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> state(JsonNode job, String state) {
        return http.send("PATCH", JOBS + "/" + job.get("id").asText(), token, "{\"state\":\"" + state + "\"}");
    }

    private JsonNode info(JsonNode job) {
        return json(http.get(JOBS + "/" + job.get("id").asText(), token));
    }

    private String results(JsonNode job, String kind) {
        HttpResponse<String> response = http.get(JOBS + "/" + job.get("id").asText() + "/" + kind + "/", token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/csv"));
        return response.body();
    }

    /** Create, upload, close: the job's detailed info once processed (the default delay is zero). */
    private JsonNode run(JsonNode job, String csv) {
        assertThat(put(job, csv).statusCode()).isEqualTo(201);
        HttpResponse<String> closed = state(job, "UploadComplete");
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(json(closed).get("state").asText()).isEqualTo("UploadComplete");
        return info(job);
    }

    private static String leads(int count, String company) {
        StringBuilder csv = new StringBuilder(EXT + ",FirstName,LastName,Company,Email\n");
        for (int i = 0; i < count; i++) {
            csv.append("L-").append(i).append(",Ada,Lovelace ").append(i).append(',').append(company)
                    .append(",ada").append(i).append("@example.com\n");
        }
        return csv.toString();
    }

    private static List<String> lines(String csv) {
        return List.of(csv.split("\n"));
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.isArray()).isTrue();
        assertThat(body.get(0).get("errorCode").asText()).isEqualTo(code);
        assertThat(body.get(0).get("message").asText()).isNotBlank();
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    @Test
    void ten_thousand_leads_are_upserted_and_upserting_them_again_updates_without_duplicates() {
        JsonNode job = createUpsertJob();
        String id = job.get("id").asText();
        assertThat(id).startsWith("750").hasSize(18);
        assertThat(job.get("state").asText()).isEqualTo("Open");
        assertThat(job.get("contentUrl").asText()).isEqualTo("services/data/v62.0/jobs/ingest/" + id + "/batches");
        assertThat(job.get("externalIdFieldName").asText()).isEqualTo(EXT);
        assertThat(job.get("apiVersion").asDouble()).isEqualTo(62.0);

        JsonNode done = run(job, leads(10_000, "Acme"));

        assertThat(done.get("state").asText()).isEqualTo("JobComplete");
        assertThat(done.get("jobType").asText()).isEqualTo("V2Ingest");
        assertThat(done.get("numberRecordsProcessed").asLong()).isEqualTo(10_000);
        assertThat(done.get("numberRecordsFailed").asLong()).isZero();
        List<String> successful = lines(results(job, "successfulResults"));
        assertThat(successful).hasSize(10_001);
        assertThat(successful.get(0)).isEqualTo("\"sf__Id\",\"sf__Created\",\"Ext__c\",\"FirstName\",\"LastName\","
                + "\"Company\",\"Email\"");
        assertThat(successful.get(1)).matches("\"00Q\\w{15}\",\"true\",\"L-0\",\"Ada\",\"Lovelace 0\",\"Acme\","
                + "\"ada0@example.com\"");
        assertThat(lines(results(job, "failedResults"))).containsExactly("\"sf__Id\",\"sf__Error\",\"Ext__c\","
                + "\"FirstName\",\"LastName\",\"Company\",\"Email\"");
        assertThat(lines(results(job, "unprocessedrecords"))).hasSize(1);
        assertThat(sandbox.records("Lead")).hasSize(10_000);
        String firstId = successful.get(1).substring(1, 19);

        CLOCK.advance(Duration.ofMinutes(5));
        JsonNode again = createUpsertJob();
        JsonNode redone = run(again, leads(10_000, "Acme Inc"));

        assertThat(redone.get("numberRecordsProcessed").asLong()).isEqualTo(10_000);
        assertThat(redone.get("numberRecordsFailed").asLong()).isZero();
        List<String> updated = lines(results(again, "successfulResults"));
        assertThat(updated.subList(1, updated.size())).allSatisfy(line -> assertThat(line).contains(",\"false\","));
        assertThat(updated.get(1)).startsWith("\"" + firstId + "\",\"false\",\"L-0\"");
        List<Map<String, Object>> records = sandbox.records("Lead");
        assertThat(records).hasSize(10_000);
        assertThat(records).allSatisfy(r -> assertThat(r).containsEntry("Company", "Acme Inc")
                .containsEntry("SystemModstamp", "2026-01-05T09:05:00.000+0000")
                .containsEntry("CreatedDate", "2026-01-05T09:00:00.000+0000"));
        assertThat(sandbox.callCounts())
                .containsEntry("POST /services/data/vXX.X/jobs/ingest", 2L)
                .containsEntry("PUT /services/data/vXX.X/jobs/ingest/{jobId}/batches", 2L)
                .containsEntry("PATCH /services/data/vXX.X/jobs/ingest/{jobId}", 2L)
                .containsEntry("GET /services/data/vXX.X/jobs/ingest/{jobId}/successfulResults", 2L);
        assertThat(sandbox.bulkJobs()).hasSize(2);
    }

    @Test
    void a_row_without_last_name_is_in_failed_results_with_the_exact_error_and_the_others_are_saved() {
        JsonNode job = createUpsertJob();

        JsonNode done = run(job, EXT + ",LastName,Company\nL-1,Doe,Acme\nL-2,,Acme\n");

        assertThat(done.get("state").asText()).isEqualTo("JobComplete");
        assertThat(done.get("numberRecordsProcessed").asLong()).isEqualTo(2);
        assertThat(done.get("numberRecordsFailed").asLong()).isEqualTo(1);
        assertThat(lines(results(job, "failedResults"))).containsExactly(
                "\"sf__Id\",\"sf__Error\",\"Ext__c\",\"LastName\",\"Company\"",
                "\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --\",\"L-2\",\"\","
                        + "\"Acme\"");
        assertThat(lines(results(job, "successfulResults"))).hasSize(2);
        assertThat(sandbox.records("Lead")).singleElement().satisfies(r -> assertThat(r).containsEntry(EXT, "L-1"));
    }

    @Test
    void the_same_external_id_twice_in_one_job_fails_both_rows() {
        JsonNode job = createUpsertJob();

        JsonNode done = run(job, EXT + ",LastName,Company\nL-1,Doe,Acme\nl-1,Roe,Acme\n");

        assertThat(done.get("numberRecordsFailed").asLong()).isEqualTo(2);
        assertThat(results(job, "failedResults")).contains("DUPLICATE_EXTERNAL_ID:Duplicate external id specified:"
                + " L-1:Ext__c --");
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void quoted_cells_keep_commas_quotes_and_line_breaks_and_na_sets_null() {
        JsonNode job = createUpsertJob();
        run(job, EXT + ",LastName,Company,Description,Title\n"
                + "L-1,\"Doe, Jr.\",\"Acme \"\"Labs\"\"\",\"line one\nline two\",CTO\n");
        assertThat(sandbox.records("Lead")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("LastName", "Doe, Jr.").containsEntry("Company", "Acme \"Labs\"")
                .containsEntry("Description", "line one\nline two").containsEntry("Title", "CTO"));

        JsonNode second = createUpsertJob();
        JsonNode done = run(second, EXT + ",Title,Description\nL-1,#N/A,\n");

        assertThat(done.get("numberRecordsFailed").asLong()).isZero();
        assertThat(results(second, "successfulResults")).endsWith(",\"false\",\"L-1\",\"#N/A\",\"\"\n");
        assertThat(sandbox.records("Lead")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("Title", null).containsEntry("Description", "line one\nline two"));
    }

    @Test
    void insert_update_and_delete_jobs_work_by_id() {
        JsonNode insert = createJob("insert");
        run(insert, "LastName,Company\nDoe,Acme\nRoe,Acme\n");
        List<String> ids = sandbox.records("Lead").stream().map(r -> (String) r.get("Id")).toList();
        assertThat(ids).hasSize(2);

        JsonNode update = createJob("update");
        String unknownId = SalesforceIds.id("00Q", 999_999);
        JsonNode updated = run(update, "Id,Company\n" + ids.get(0) + ",Globex\n" + unknownId + ",Globex\n,Globex\n");
        assertThat(updated.get("numberRecordsFailed").asLong()).isEqualTo(2);
        assertThat(results(update, "failedResults")).contains("INVALID_CROSS_REFERENCE_KEY")
                .contains("MISSING_ARGUMENT");

        JsonNode delete = createJob("delete");
        JsonNode deleted = run(delete, "Id\n" + ids.get(1) + "\n");
        assertThat(deleted.get("numberRecordsFailed").asLong()).isZero();
        assertThat(results(delete, "successfulResults")).contains("\"" + ids.get(1) + "\",\"false\"");
        assertThat(sandbox.records("Lead")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("Id", ids.get(0)).containsEntry("Company", "Globex"));
    }

    // ---- job errors --------------------------------------------------------------------------------------------

    @Test
    void invalid_state_transitions_and_uploads_to_a_closed_job_are_400_error_arrays() {
        JsonNode job = createUpsertJob();
        assertError(state(job, "JobComplete"), 400, "InvalidJobState");
        assertError(http.send("DELETE", JOBS + "/" + job.get("id").asText(), token, null), 400, "InvalidJobState");
        assertThat(put(job, EXT + ",LastName,Company\nL-1,Doe,Acme\n").statusCode()).isEqualTo(201);
        assertError(put(job, EXT + ",LastName,Company\nL-2,Doe,Acme\n"), 400, "BULK_API_ERROR");
        assertThat(state(job, "UploadComplete").statusCode()).isEqualTo(200);

        assertError(state(job, "UploadComplete"), 400, "InvalidJobState");
        assertError(state(job, "Aborted"), 400, "InvalidJobState");
        assertError(put(job, EXT + ",LastName,Company\nL-3,Doe,Acme\n"), 400, "InvalidJobState");

        assertThat(http.send("DELETE", JOBS + "/" + job.get("id").asText(), token, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = http.get(JOBS + "/" + job.get("id").asText(), token);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone)).isEqualTo(tree("[{'message':'The requested resource does not exist',"
                + "'errorCode':'NOT_FOUND'}]"));
        assertThat(sandbox.records("Lead")).hasSize(1);
    }

    @Test
    void an_aborted_job_is_never_processed_and_its_rows_are_unprocessed() {
        JsonNode job = createUpsertJob();
        put(job, EXT + ",LastName,Company\nL-1,Doe,Acme\n");

        HttpResponse<String> aborted = state(job, "Aborted");

        assertThat(json(aborted).get("state").asText()).isEqualTo("Aborted");
        assertError(state(job, "UploadComplete"), 400, "InvalidJobState");
        assertThat(info(job).get("numberRecordsProcessed").asLong()).isZero();
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void an_unknown_or_non_external_id_field_is_refused_when_the_job_is_created() {
        HttpResponse<String> unknown = http.send("POST", JOBS, token, "{\"object\":\"Lead\",\"externalIdFieldName\":"
                + "\"Nope__c\",\"contentType\":\"CSV\",\"operation\":\"upsert\",\"lineEnding\":\"LF\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown)).isEqualTo(tree("[{'message':'InvalidJob : Field name provided, Nope__c does not"
                + " match an External ID, Salesforce Id, or indexed field for Lead','errorCode':'INVALIDJOB'}]"));

        assertError(http.send("POST", JOBS, token, "{\"object\":\"Lead\",\"externalIdFieldName\":\"Email\","
                + "\"operation\":\"upsert\"}"), 400, "INVALIDJOB");
        assertError(http.send("POST", JOBS, token, "{\"object\":\"Lead\",\"operation\":\"upsert\"}"), 400,
                "INVALIDJOB");
        assertError(http.send("POST", JOBS, token, "{\"object\":\"Lead\",\"operation\":\"merge\"}"), 400,
                "INVALIDJOB");
        assertError(http.send("POST", JOBS, token, "{\"object\":\"Widget\",\"operation\":\"insert\"}"), 400,
                "INVALIDENTITY");
        assertThat(sandbox.bulkJobs()).isEmpty();
    }

    @Test
    void a_column_the_user_cannot_see_fails_the_job_and_leaves_every_row_unprocessed() {
        sandbox.addCustomField("Lead", FieldDefinition.customText("Secret__c", "Secret", 40, false, false));
        JsonNode job = createUpsertJob();

        JsonNode done = run(job, EXT + ",LastName,Company,Secret__c\nL-1,Doe,Acme,x\nL-2,Roe,Acme,y\n");

        assertThat(done.get("state").asText()).isEqualTo("Failed");
        assertThat(done.get("errorMessage").asText()).isEqualTo("InvalidBatch : Field name not found : Secret__c");
        assertThat(done.get("numberRecordsProcessed").asLong()).isZero();
        assertThat(lines(results(job, "unprocessedrecords"))).containsExactly(
                "\"Ext__c\",\"LastName\",\"Company\",\"Secret__c\"", "\"L-1\",\"Doe\",\"Acme\",\"x\"",
                "\"L-2\",\"Roe\",\"Acme\",\"y\"");
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void crlf_data_in_an_lf_job_fails_it() {
        JsonNode job = createUpsertJob();

        JsonNode done = run(job, EXT + ",LastName,Company\r\nL-1,Doe,Acme\r\n");

        assertThat(done.get("state").asText()).isEqualTo("Failed");
        assertThat(done.get("errorMessage").asText())
                .isEqualTo("ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF");
    }

    // ---- processing delay, limits and faults ---------------------------------------------------------------------

    @Test
    void with_a_processing_delay_the_job_stays_upload_complete_until_it_is_processed() throws InterruptedException {
        sandbox.bulkProcessingDelay(Duration.ofMillis(300));
        JsonNode job = createUpsertJob();
        put(job, EXT + ",LastName,Company\nL-1,Doe,Acme\n");
        state(job, "UploadComplete");

        assertThat(info(job).get("state").asText()).isEqualTo("UploadComplete");
        assertError(http.get(JOBS + "/" + job.get("id").asText() + "/successfulResults/", token), 400,
                "InvalidJobState");
        long deadline = System.currentTimeMillis() + 5_000;
        while (!info(job).get("state").asText().equals("JobComplete") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(info(job).get("state").asText()).isEqualTo("JobComplete");
        assertThat(sandbox.records("Lead")).hasSize(1);
    }

    @Test
    void a_reset_before_a_delayed_job_runs_drops_it_without_writing() throws InterruptedException {
        sandbox.bulkProcessingDelay(Duration.ofMillis(200));
        JsonNode job = createUpsertJob();
        put(job, EXT + ",LastName,Company\nL-1,Doe,Acme\n");
        state(job, "UploadComplete");

        reset();
        Thread.sleep(500);

        assertThat(sandbox.bulkJobs()).isEmpty();
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void bulk_calls_count_against_the_daily_limit() {
        sandbox.dailyApiRequests(2);
        JsonNode job = createUpsertJob();
        assertThat(put(job, EXT + ",LastName,Company\nL-1,Doe,Acme\n").statusCode()).isEqualTo(201);

        HttpResponse<String> refused = state(job, "UploadComplete");

        assertError(refused, 403, "REQUEST_LIMIT_EXCEEDED");
        assertThat(refused.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=2/2");
    }

    @Test
    void injected_faults_apply_to_bulk_paths_and_a_lock_on_the_close_fails_every_row() {
        JsonNode job = createUpsertJob();
        sandbox.injectFault("PUT", JOBS + "/", "503", 1);
        assertError(put(job, EXT + ",LastName,Company\nL-1,Doe,Acme\n"), 503, "SERVER_UNAVAILABLE");
        assertThat(put(job, EXT + ",LastName,Company\nL-1,Doe,Acme\n").statusCode()).isEqualTo(201);

        sandbox.injectFault("PATCH", JOBS + "/", "UNABLE_TO_LOCK_ROW", 1);
        assertThat(state(job, "UploadComplete").statusCode()).isEqualTo(200);
        JsonNode done = info(job);

        assertThat(done.get("state").asText()).isEqualTo("JobComplete");
        assertThat(done.get("numberRecordsFailed").asLong()).isEqualTo(1);
        assertThat(results(job, "failedResults")).contains(
                "\"UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record: --\"");
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void the_control_api_lists_jobs_and_sets_the_delay() {
        createUpsertJob();

        HttpResponse<String> set = http.send("POST", "/__sandbox/salesforce/bulk", null,
                "{\"processingDelayMillis\":250,\"multipleUploads\":true}");

        assertThat(set.statusCode()).isEqualTo(200);
        JsonNode body = json(set);
        assertThat(body.get("processingDelayMillis").asLong()).isEqualTo(250);
        assertThat(body.get("multipleUploads").asBoolean()).isTrue();
        assertThat(body.get("jobs")).hasSize(1);
        assertThat(json(http.get(JOBS, token)).get("records")).hasSize(1);
    }
}
