package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** One Bulk API 2.0 ingest job and its results. Guarded by the {@link BulkIngest} that holds it. */
final class BulkJob {

    static final String OPEN = "Open";
    static final String UPLOAD_COMPLETE = "UploadComplete";
    static final String IN_PROGRESS = "InProgress";
    static final String JOB_COMPLETE = "JobComplete";
    static final String FAILED = "Failed";
    static final String ABORTED = "Aborted";

    /** One result row: {@code sfId} may be empty; {@code outcome} is sf__Created or sf__Error. */
    record ResultRow(String sfId, String outcome, List<String> cells) {
    }

    final String id;
    final String object;
    final String operation;
    final String externalIdFieldName;
    final String lineEnding;
    final String columnDelimiter;
    final char delimiter;
    final String assignmentRuleId;
    final String apiVersion;
    final SandboxUser user;
    final String createdDate;
    final long createdMillis;

    String state = OPEN;
    String systemModstamp;
    String errorMessage;
    long numberRecordsProcessed;
    long numberRecordsFailed;
    long totalProcessingTime;
    boolean lockedOnClose;
    final List<String> uploads = new ArrayList<>();
    List<String> header = List.of();
    final List<ResultRow> successful = new ArrayList<>();
    final List<ResultRow> failed = new ArrayList<>();
    final List<List<String>> unprocessed = new ArrayList<>();

    BulkJob(String id, String object, String operation, String externalIdFieldName, String lineEnding,
            String columnDelimiter, char delimiter, String assignmentRuleId, String apiVersion, SandboxUser user,
            String createdDate, long createdMillis) {
        this.id = id;
        this.object = object;
        this.operation = operation;
        this.externalIdFieldName = externalIdFieldName;
        this.lineEnding = lineEnding;
        this.columnDelimiter = columnDelimiter;
        this.delimiter = delimiter;
        this.assignmentRuleId = assignmentRuleId;
        this.apiVersion = apiVersion;
        this.user = user;
        this.createdDate = createdDate;
        this.createdMillis = createdMillis;
        this.systemModstamp = createdDate;
    }

    boolean finished() {
        return JOB_COMPLETE.equals(state) || FAILED.equals(state) || ABORTED.equals(state);
    }

    String contentUrl() {
        return "services/data/v" + apiVersion + "/jobs/ingest/" + id + "/batches";
    }

    /** The JobInfo of create, close and the jobs list. */
    ObjectNode info() {
        ObjectNode body = Json.object();
        body.put("id", id);
        body.put("operation", operation);
        body.put("object", object);
        body.put("createdById", user.id());
        body.put("createdDate", createdDate);
        body.put("systemModstamp", systemModstamp);
        body.put("state", state);
        if (externalIdFieldName != null) {
            body.put("externalIdFieldName", externalIdFieldName);
        }
        if (assignmentRuleId != null) {
            body.put("assignmentRuleId", assignmentRuleId);
        }
        body.put("concurrencyMode", "Parallel");
        body.put("contentType", "CSV");
        body.put("apiVersion", Double.parseDouble(apiVersion));
        body.put("contentUrl", contentUrl());
        body.put("lineEnding", lineEnding);
        body.put("columnDelimiter", columnDelimiter);
        return body;
    }

    /** The JobInfo of {@code GET jobs/ingest/{id}}: with the counts, timings and the error message. */
    ObjectNode detail() {
        ObjectNode body = info();
        body.put("jobType", "V2Ingest");
        body.put("retries", 0);
        body.put("numberRecordsProcessed", numberRecordsProcessed);
        body.put("numberRecordsFailed", numberRecordsFailed);
        body.put("totalProcessingTime", totalProcessingTime);
        body.put("apiActiveProcessingTime", totalProcessingTime);
        body.put("apexProcessingTime", 0);
        if (errorMessage != null) {
            body.put("errorMessage", errorMessage);
        }
        return body;
    }

    /** The CSV of {@code successfulResults}, {@code failedResults} or {@code unprocessedrecords}, in upload order. */
    String results(String kind) {
        StringBuilder out = new StringBuilder();
        List<String> columns = new ArrayList<>();
        switch (kind) {
            case "successfulResults" -> columns.addAll(List.of("sf__Id", "sf__Created"));
            case "failedResults" -> columns.addAll(List.of("sf__Id", "sf__Error"));
            default -> {
            }
        }
        columns.addAll(header);
        if (header.isEmpty() && kind.equals("unprocessedrecords")) {
            return "";
        }
        BulkCsv.appendRow(out, columns, delimiter, lineEnding);
        if (kind.equals("unprocessedrecords")) {
            unprocessed.forEach(cells -> BulkCsv.appendRow(out, cells, delimiter, lineEnding));
        } else {
            for (BulkJob.ResultRow row : kind.equals("successfulResults") ? successful : failed) {
                List<String> cells = new ArrayList<>();
                cells.add(row.sfId());
                cells.add(row.outcome());
                cells.addAll(row.cells());
                BulkCsv.appendRow(out, cells, delimiter, lineEnding);
            }
        }
        return out.toString();
    }
}
