package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.salesforce.HttpCall.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bulk API 2.0 ingest under {@code /services/data/vXX.X/jobs/ingest} (digest section 13): create a job, upload
 * one CSV to its {@code contentUrl}, close it (UploadComplete) or abort it, poll its JobInfo, read the
 * successful, failed and unprocessed records as CSV, list and delete jobs. Rows are written through
 * {@link SalesforceOrg#bulkBatch} in internal batches of 10,000, so they meet the REST API's validation,
 * field-level security, external-id matching and stamps. Calls are counted and limited by {@link DataEndpoints}.
 */
final class BulkIngest implements AutoCloseable {

    /** Bulk API 2.0 ingest exists from v41.0 (BULK close_job.htm "available in API version 41.0 and later"). */
    static final double SINCE = 41.0;
    /** Salesforce splits a job's data into internal batches of 10,000 records (digest section 13). */
    static final int BATCH_SIZE = 10_000;
    static final List<String> OPERATIONS = List.of("insert", "update", "upsert", "delete", "hardDelete");

    /** Digest section 13: "A wrong state → 400 InvalidJobState"; the messages are chosen (UNCONFIRMED). */
    static final String INVALID_JOB_STATE = "InvalidJobState";
    /** The code of a job definition Salesforce refuses at create; chosen, UNCONFIRMED. */
    static final String INVALID_JOB = "INVALIDJOB";
    /** A second PUT to one job (observed message; the digest marks multiple uploads UNCONFIRMED). */
    static final String BULK_API_ERROR = "BULK_API_ERROR";

    private final SalesforceOrg org;
    private final Map<String, BulkJob> jobs = new LinkedHashMap<>();
    private long jobCounter;
    private Duration processingDelay = Duration.ZERO;
    private boolean multipleUploads;
    private ScheduledExecutorService scheduler;

    BulkIngest(SalesforceOrg org) {
        this.org = org;
    }

    // ---- control ---------------------------------------------------------------------------------------------

    synchronized void reset() {
        jobs.clear();
        jobCounter = 0;
        processingDelay = Duration.ZERO;
        multipleUploads = false;
    }

    /** Zero (the default): a closed job is processed before the close call answers; else this long after it. */
    synchronized void processingDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the processing delay must be 0 or more");
        }
        this.processingDelay = delay;
    }

    synchronized Duration processingDelay() {
        return processingDelay;
    }

    /** Off (the default): a second PUT to a job is refused, as community reports say Salesforce does. */
    synchronized void multipleUploads(boolean allowed) {
        this.multipleUploads = allowed;
    }

    synchronized boolean multipleUploads() {
        return multipleUploads;
    }

    /** The detailed JobInfo of every job, oldest first. */
    synchronized List<ObjectNode> jobs() {
        return jobs.values().stream().map(BulkJob::detail).toList();
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    /** {@code rest} is the path after {@code jobs/ingest}. */
    Response handle(HttpCall call, SandboxUser user, String version, List<String> rest, boolean locked) {
        String method = call.method();
        boolean closing = rest.size() == 1 && "PATCH".equals(method);
        if (locked && !closing) {
            throw new ApiException(SalesforceFaults.LOCK_STATUS, SalesforceFaults.lockError());
        }
        if (rest.isEmpty()) {
            return switch (method) {
                case "POST" -> Response.json(200, create(user, version, call.json()));
                case "GET" -> Response.json(200, list());
                default -> methodNotAllowed(call, "GET,POST");
            };
        }
        String id = rest.get(0);
        if (rest.size() == 1) {
            return switch (method) {
                case "GET" -> Response.json(200, detail(id));
                case "PATCH" -> Response.json(200, changeState(id, call.json(), locked));
                case "DELETE" -> {
                    delete(id);
                    yield Response.empty(204);
                }
                default -> methodNotAllowed(call, "GET,PATCH,DELETE");
            };
        }
        if (rest.size() == 2 && rest.get(1).equals("batches")) {
            if (!"PUT".equals(method)) {
                return methodNotAllowed(call, "PUT");
            }
            upload(id, call.body());
            return Response.empty(201);
        }
        if (rest.size() == 2 && List.of("successfulResults", "failedResults", "unprocessedrecords")
                .contains(rest.get(1))) {
            if (!"GET".equals(method)) {
                return methodNotAllowed(call, "GET");
            }
            return csv(results(id, rest.get(1)));
        }
        throw ApiException.notFound();
    }

    private static Response csv(String text) {
        return new Response(200, new LinkedHashMap<>(), "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiException invalidState(String message) {
        return new ApiException(400, ApiError.of(INVALID_JOB_STATE, message));
    }

    private ObjectNode create(SandboxUser user, String version, JsonNode body) {
        BulkJobRequest request = BulkJobRequest.of(org, user, body);
        synchronized (this) {
            String id = SalesforceIds.id("750", ++jobCounter);
            BulkJob job = new BulkJob(id, request.object(), request.operation(), request.externalIdFieldName(),
                    request.lineEnding(), request.columnDelimiter(), request.delimiter(), request.assignmentRuleId(),
                    version, user, SalesforceTime.format(org.now()),
                    System.currentTimeMillis());
            jobs.put(id, job);
            return job.info();
        }
    }

    private synchronized ObjectNode list() {
        ObjectNode body = Json.object();
        body.put("done", true);
        ArrayNode records = body.putArray("records");
        jobs.values().forEach(job -> records.add(job.info()));
        body.putNull("nextRecordsUrl");
        return body;
    }

    private BulkJob job(String id) {
        String normalised = SalesforceIds.normalise(id);
        BulkJob job = normalised == null ? null : jobs.get(normalised);
        if (job == null) {
            throw ApiException.notFound();
        }
        return job;
    }

    private synchronized ObjectNode detail(String id) {
        return job(id).detail();
    }

    private synchronized void upload(String id, byte[] body) {
        BulkJob job = job(id);
        if (!BulkJob.OPEN.equals(job.state)) {
            throw invalidState("Unable to upload data: job " + job.id + " is in state " + job.state
                    + ", not Open. After a job is closed or aborted, no more data can be added.");
        }
        if (!job.uploads.isEmpty() && !multipleUploads) {
            throw new ApiException(400, ApiError.of(BULK_API_ERROR, "Found multiple contents for job: <" + job.id
                    + ">, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure"
                    + " you only do 'PUT' once on a given Job."));
        }
        job.uploads.add(new String(body, StandardCharsets.UTF_8));
    }

    private ObjectNode changeState(String id, JsonNode body, boolean locked) {
        String target = body.isObject() ? BulkJobRequest.text(body, "state") : null;
        BulkJob job;
        ObjectNode answer;
        boolean processNow;
        synchronized (this) {
            job = job(id);
            String from = job.state;
            boolean allowed = (BulkJob.UPLOAD_COMPLETE.equals(target) && BulkJob.OPEN.equals(from))
                    || (BulkJob.ABORTED.equals(target) && !job.finished());
            if (!allowed) {
                throw invalidState("Invalid state transition from " + from + " to " + target + " for job " + job.id);
            }
            job.state = target;
            job.systemModstamp = SalesforceTime.format(org.now());
            answer = job.info();
            if (BulkJob.ABORTED.equals(target)) {
                return answer;
            }
            job.lockedOnClose = locked;
            processNow = processingDelay.isZero();
            if (!processNow) {
                scheduler().schedule(() -> process(job), processingDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        if (processNow) {
            process(job);
        }
        return answer;
    }

    private ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "salesforce-sandbox-bulk");
                thread.setDaemon(true);
                return thread;
            });
        }
        return scheduler;
    }

    private synchronized void delete(String id) {
        BulkJob job = job(id);
        if (BulkJob.OPEN.equals(job.state) || BulkJob.IN_PROGRESS.equals(job.state)) {
            throw invalidState("Unable to delete job " + job.id + " in state " + job.state
                    + ": close or abort it first, or wait until it is processed");
        }
        jobs.remove(job.id);
    }

    private synchronized String results(String id, String kind) {
        BulkJob job = job(id);
        if (!job.finished()) {
            throw invalidState("Results are not available for job " + job.id + " in state " + job.state);
        }
        return job.results(kind);
    }

    // ---- processing --------------------------------------------------------------------------------------------

    /** UploadComplete → InProgress → JobComplete or Failed, one internal batch at a time; stops when aborted. */
    private void process(BulkJob job) {
        long started = System.currentTimeMillis();
        List<String> uploads;
        synchronized (this) {
            // A reset or a delete since the close drops the job: a delayed run must not write into the new org.
            if (!BulkJob.UPLOAD_COMPLETE.equals(job.state) || jobs.get(job.id) != job) {
                return;
            }
            job.state = BulkJob.IN_PROGRESS;
            job.systemModstamp = SalesforceTime.format(org.now());
            uploads = List.copyOf(job.uploads);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> header = null;
        try {
            if (uploads.isEmpty()) {
                throw new BulkCsv.CsvException("InvalidBatch : No data was uploaded for job " + job.id);
            }
            for (String upload : uploads) {
                List<List<String>> parsed = BulkCsv.parse(upload, job.delimiter, job.lineEnding);
                if (parsed.isEmpty()) {
                    throw new BulkCsv.CsvException("ClientInputError : The uploaded CSV has no header row");
                }
                if (header == null) {
                    header = parsed.get(0);
                } else if (!header.equals(parsed.get(0))) {
                    throw new BulkCsv.CsvException("ClientInputError : Every upload of a job must have the same"
                            + " header row");
                }
                rows.addAll(parsed.subList(1, parsed.size()));
            }
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).size() != header.size()) {
                    throw new BulkCsv.CsvException("ClientInputError : Row " + (i + 2) + " has " + rows.get(i).size()
                            + " columns; the header row has " + header.size());
                }
            }
        } catch (BulkCsv.CsvException e) {
            finish(job, header == null ? List.of() : header, rows, e.getMessage(), started);
            return;
        }
        List<String> unknown = org.bulkUnknownColumns(job.user, job.object, header);
        if (!unknown.isEmpty()) {
            finish(job, header, rows, "InvalidBatch : Field name not found : " + unknown.get(0), started);
            return;
        }
        synchronized (this) {
            job.header = List.copyOf(header);
        }
        int done = 0;
        while (done < rows.size()) {
            synchronized (this) {
                if (BulkJob.ABORTED.equals(job.state) || jobs.get(job.id) != job) {
                    break;
                }
            }
            List<List<String>> batch = rows.subList(done, Math.min(rows.size(), done + BATCH_SIZE));
            List<ObjectNode> records = new ArrayList<>();
            for (List<String> cells : batch) {
                records.add(BulkCsv.record(header, cells));
            }
            List<SaveResult> results;
            try {
                results = org.bulkBatch(job.user, job.object, job.operation, job.externalIdFieldName,
                        job.assignmentRuleId, records,
                        job.lockedOnClose);
            } catch (ApiException e) {
                finish(job, header, rows.subList(done, rows.size()), "InvalidBatch : " + e.errors().get(0).message(),
                        started);
                return;
            } catch (RuntimeException e) {
                // Never leave a job InProgress for ever: an unexpected error fails it, as an internal error would.
                finish(job, header, rows.subList(done, rows.size()), "InternalServerError : " + e, started);
                return;
            }
            synchronized (this) {
                for (int i = 0; i < batch.size(); i++) {
                    SaveResult result = results.get(i);
                    String sfId = result.id() == null ? "" : result.id();
                    if (result.success()) {
                        job.successful.add(new BulkJob.ResultRow(sfId, String.valueOf(result.created()),
                                batch.get(i)));
                    } else {
                        job.failed.add(new BulkJob.ResultRow(sfId, errorText(result.errors()), batch.get(i)));
                        job.numberRecordsFailed++;
                    }
                    job.numberRecordsProcessed++;
                }
                job.systemModstamp = SalesforceTime.format(org.now());
            }
            done += batch.size();
        }
        synchronized (this) {
            job.unprocessed.addAll(rows.subList(done, rows.size()));
            if (BulkJob.IN_PROGRESS.equals(job.state)) {
                job.state = BulkJob.JOB_COMPLETE;
            }
            job.totalProcessingTime = System.currentTimeMillis() - started;
            job.systemModstamp = SalesforceTime.format(org.now());
        }
    }

    private synchronized void finish(BulkJob job, List<String> header, List<List<String>> unprocessed,
            String errorMessage, long started) {
        job.header = List.copyOf(header);
        job.unprocessed.addAll(unprocessed);
        if (!BulkJob.ABORTED.equals(job.state)) {
            job.state = BulkJob.FAILED;
            job.errorMessage = errorMessage;
        }
        job.totalProcessingTime = System.currentTimeMillis() - started;
        job.systemModstamp = SalesforceTime.format(org.now());
    }

    /**
     * sf__Error: {@code STATUS_CODE:message:field,field --} per error (digest section 13 marks this format
     * UNCONFIRMED), several errors joined by a space.
     */
    static String errorText(List<ApiError> errors) {
        List<String> parts = new ArrayList<>();
        for (ApiError error : errors) {
            String fields = error.fields() == null ? "" : String.join(",", error.fields());
            parts.add(error.code() + ":" + error.message() + ":" + fields + " --");
        }
        return String.join(" ", parts);
    }

    private static Response methodNotAllowed(HttpCall call, String allowed) {
        Response response = Response.errors(new ApiException(405, ApiError.of("METHOD_NOT_ALLOWED",
                "HTTP Method '" + call.method() + "' not allowed. Allowed are " + allowed)));
        response.headers().put("Allow", allowed);
        return response;
    }
}
