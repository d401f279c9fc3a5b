package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.CrmBulkLeadWriter;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A large backlog as one Bulk API 2.0 ingest job (SALESFORCE.md section 13): create an upsert job on the lead-id
 * external id, upload the CSV, close it, wait for it, then read the successful and failed results back, matched to
 * the records by the external id column. About seven calls for up to 100 MB of leads, against 50 Collections calls
 * for 10,000.
 */
@Singleton
@Requires(beans = SalesforceSettings.class)
final class SalesforceBulkWriter implements CrmBulkLeadWriter {
    /** An empty cell leaves a field as it is; this clears it. */
    static final String CLEAR = "#N/A";
    private static final Set<String> RETRYABLE = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE");
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration POLL_CEILING = Duration.ofSeconds(10);
    private static final Duration PATIENCE = Duration.ofMinutes(15);

    private final SalesforceSettings settings;
    private final SalesforceHttp http;

    SalesforceBulkWriter(SalesforceSettings settings, SalesforceHttp http) {
        this.settings = settings;
        this.http = http;
    }

    private UpsertBatch contactsInCollections(CrmSession session, String base, List<CrmRecord> records) {
        SalesforceContactWriter contacts = new SalesforceContactWriter(http);
        SalesforcePersonAccountWriter persons = new SalesforcePersonAccountWriter(http);
        List<UpsertResult> results = new java.util.ArrayList<>();
        Optional<io.leadsync.application.port.out.ApiUsage> usage = Optional.empty();
        int calls = 0;
        for (int from = 0; from < records.size(); from += SalesforceLeadWriter.BATCH_LIMIT) {
            List<CrmRecord> part = records.subList(from, Math.min(records.size(), from + SalesforceLeadWriter.BATCH_LIMIT));
            UpsertBatch batch = session.target() == io.leadsync.domain.crm.TargetObject.PERSON_ACCOUNT
                    ? persons.upsert(session, base, part) : contacts.upsert(session, base, part);
            results.addAll(batch.results());
            usage = batch.usage().isPresent() ? batch.usage() : usage;
            calls += batch.calls();
        }
        return new UpsertBatch(results, usage, Math.max(1, calls));
    }

    @Override
    public CrmKind kind() {
        return CrmKind.SALESFORCE;
    }

    /** One job's outcome: a result per record in order, the calls it took, the last limit header. */
    private record Job(List<UpsertResult> results, int calls, Optional<ApiUsage> usage) {
    }

    /**
     * Leads already in the org (linked) and new leads go in separate jobs: a Bulk job runs an assignment rule only
     * when it names one ({@code assignmentRuleId}), and it must run for new leads alone (when the connection routes
     * new leads by the org's rules), never for leads reps already own.
     */
    @Override
    public UpsertBatch upsertAll(CrmSession session, List<CrmRecord> records) {
        if (records.stream().anyMatch(record -> record.knownRecordId().isPresent())) {
            throw new IllegalArgumentException("records linked by their CRM id cannot be upserted by lead id in bulk");
        }
        if (session.target() == io.leadsync.domain.crm.TargetObject.CONTACT
                || session.target() == io.leadsync.domain.crm.TargetObject.PERSON_ACCOUNT) {
            // A Person Account's record type is simplest set in Collections too (ADR 0082). A Contact needs its Account found or created first, which a Bulk job cannot do: Collections, 200 a call.
            return contactsInCollections(session, session.identity().instanceUrl().orElseThrow() + "/services/data/"
                    + settings.apiVersion(), records);
        }
        // Linked leads are updated by their Lead's Id (ADR 0079): a Lead a rep merged away fails the job as deleted
        // and is followed to its master, where an upsert by lead id would create a second Lead.
        List<CrmRecord> linked = records.stream().filter(record -> record.writeId().isPresent()).toList();
        List<CrmRecord> existing = records.stream().filter(r -> r.inCrm() && r.writeId().isEmpty()).toList();
        List<CrmRecord> fresh = records.stream().filter(record -> !record.inCrm()).toList();
        Map<String, UpsertResult> byLead = new HashMap<>();
        int calls = 0;
        Optional<ApiUsage> usage = Optional.empty();
        if (!linked.isEmpty()) {
            Job job = runJob(session, linked, Optional.empty());
            job.results().forEach(result -> byLead.put(result.leadId().value(), result));
            calls += job.calls();
            usage = job.usage();
        }
        if (!existing.isEmpty()) {
            Job job = runJob(session, existing, Optional.empty());
            job.results().forEach(result -> byLead.put(result.leadId().value(), result));
            calls += job.calls();
            usage = job.usage().isPresent() ? job.usage() : usage;
        }
        if (!fresh.isEmpty()) {
            Optional<String> rule = Optional.empty();
            if (session.assignNewLeadsByRules()) {
                rule = activeLeadAssignmentRule(session);
                calls++;
            }
            Job job = runJob(session, fresh, rule);
            job.results().forEach(result -> byLead.put(result.leadId().value(), result));
            calls += job.calls();
            usage = job.usage().isPresent() ? job.usage() : usage;
        }
        return new UpsertBatch(records.stream().map(record -> byLead.get(record.leadId().value())).toList(), usage,
                calls);
    }

    /** The org's active Lead assignment rule (at most one per object), which a Bulk job must name to run it. */
    private Optional<String> activeLeadAssignmentRule(CrmSession session) {
        String base = session.identity().instanceUrl().orElseThrow() + "/services/data/" + settings.apiVersion();
        String soql = "SELECT Id FROM AssignmentRule WHERE SobjectType = 'Lead' AND Active = true";
        SalesforceHttp.Response found = http.get(URI.create(base + "/query?q=" + SalesforceHttp.encode(soql)),
                session.tokens().accessToken());
        check(found, "reading the org's Lead assignment rule");
        JsonNode rows = found.body() == null ? null : found.body().get("records");
        return rows == null || rows.size() == 0 ? Optional.empty()
                : SalesforceAuthorization.text(rows.get(0), "Id");
    }

    private Job runJob(CrmSession session, List<CrmRecord> records, Optional<String> assignmentRuleId) {
        String token = session.tokens().accessToken();
        String base = session.identity().instanceUrl().orElseThrow() + "/services/data/" + settings.apiVersion();
        String externalId = SalesforceLeadPayloadMapper.externalIdField(session.mappings());
        int calls = 0;

        // One job holds linked leads only (an update by Id) or unlinked ones only (an upsert by lead id).
        boolean byId = records.get(0).writeId().isPresent();
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("object", "Lead");
        job.put("operation", byId ? "update" : "upsert");
        if (!byId) {
            job.put("externalIdFieldName", externalId);
        }
        job.put("contentType", "CSV");
        job.put("lineEnding", "LF");
        job.put("columnDelimiter", "COMMA");
        assignmentRuleId.ifPresent(id -> job.put("assignmentRuleId", id));
        SalesforceHttp.Response created = http.postJson(URI.create(base + "/jobs/ingest"), token, json(job));
        calls++;
        check(created, "creating the Bulk API job");
        String jobId = SalesforceAuthorization.text(created.body(), "id").orElseThrow(() ->
                new CrmRejectedException("Salesforce's Bulk API answered a job without an id"));
        URI jobUri = URI.create(base + "/jobs/ingest/" + jobId);

        List<FieldMapping> columns = session.mappings().stream()
                .filter(mapping -> records.stream().anyMatch(record -> record.values().containsKey(mapping.appField())))
                .toList();
        List<String> header = new ArrayList<>(byId ? List.of("Id") : List.of());
        columns.forEach(mapping -> header.add(mapping.crmField()));
        StringBuilder csv = new StringBuilder(SalesforceCsv.row(header));
        for (CrmRecord record : records) {
            List<String> cells = new ArrayList<>();
            record.writeId().filter(id -> byId).ifPresent(cells::add);
            for (FieldMapping mapping : columns) {
                Optional<String> value = record.values().get(mapping.appField());
                // Absent: the field is not the record's to change; present but empty: clear it, as upserts do.
                cells.add(value == null ? "" : value.orElse(CLEAR));
            }
            csv.append(SalesforceCsv.row(cells));
        }
        SalesforceHttp.Response uploaded = http.putCsv(URI.create(base + "/jobs/ingest/" + jobId + "/batches"), token,
                csv.toString());
        calls++;
        check(uploaded, "uploading the job's data");
        SalesforceHttp.Response closed = http.patchJson(jobUri, token, json(Map.of("state", "UploadComplete")));
        calls++;
        check(closed, "closing the job");

        String state = "UploadComplete";
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Duration wait = POLL;
        SalesforceHttp.Response info = closed;
        while (!state.equals("JobComplete") && !state.equals("Failed") && !state.equals("Aborted")) {
            if (System.nanoTime() > deadline) {
                throw new CrmUnavailableException("Salesforce's Bulk API job " + jobId + " did not finish in "
                        + PATIENCE.toMinutes() + " minutes (state " + state + ")");
            }
            info = http.get(jobUri, token);
            calls++;
            check(info, "reading the job's state");
            state = SalesforceAuthorization.text(info.body(), "state").orElse("");
            if (!state.equals("JobComplete") && !state.equals("Failed") && !state.equals("Aborted")) {
                // Each poll is an API call: wait longer each time, up to a ceiling.
                sleep(wait);
                wait = nextWait(wait);
            }
        }
        Map<String, UpsertResult> byLead = new HashMap<>();
        Map<String, CrmRecord> records0 = new LinkedHashMap<>();
        records.forEach(record -> records0.put(record.leadId().value(), record));
        SalesforceHttp.Response succeeded = http.getCsv(URI.create(base + "/jobs/ingest/" + jobId
                + "/successfulResults/"), token);
        calls++;
        check(succeeded, "reading the job's results");
        readResults(succeeded.rawBody(), externalId, records0, byLead, true);
        SalesforceHttp.Response failed = http.getCsv(URI.create(base + "/jobs/ingest/" + jobId + "/failedResults/"),
                token);
        calls++;
        check(failed, "reading the job's failures");
        readResults(failed.rawBody(), externalId, records0, byLead, false);
        String reason = state.equals("JobComplete") ? "Salesforce's Bulk API job left this record unprocessed"
                : "Salesforce's Bulk API job ended " + state + ": "
                + SalesforceAuthorization.text(info.body(), "errorMessage").orElse("no reason given");
        List<UpsertResult> results = new java.util.ArrayList<>(records.stream().map(record -> byLead.getOrDefault(
                record.leadId().value(), UpsertResult.failed(record.leadId(), "BULK_UNPROCESSED", reason, true)))
                .toList());
        calls += followConverted(session, records, results);
        return new Job(results, calls, ApiUsage.fromSalesforceHeader(failed.limitInfo()));
    }

    /**
     * Leads a rep converted fail in the job ({@code CANNOT_UPDATE_CONVERTED_LEAD}), and Leads a rep merged away
     * ({@code ENTITY_IS_DELETED}); they go again through sObject Collections, whose writer moves them to their Contact
     * (ADR 0039) or master (ADR 0079), so a backfill leaves none in the error ledger.
     * Answers the calls it took.
     */
    private int followConverted(CrmSession session, List<CrmRecord> records, List<UpsertResult> results) {
        List<Integer> converted = new java.util.ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).errorCode().filter(code -> code.equals(SalesforceConvertedRecords.CONVERTED)
                    || code.equals(SalesforceConvertedRecords.DELETED)).isPresent()) {
                converted.add(i);
            }
        }
        int calls = 0;
        SalesforceLeadWriter writer = new SalesforceLeadWriter(settings, http);
        for (int from = 0; from < converted.size(); from += SalesforceLeadWriter.BATCH_LIMIT) {
            List<Integer> chunk = converted.subList(from, Math.min(converted.size(),
                    from + SalesforceLeadWriter.BATCH_LIMIT));
            UpsertBatch again = writer.upsert(session, chunk.stream().map(records::get).toList());
            for (int k = 0; k < chunk.size(); k++) {
                results.set(chunk.get(k), again.results().get(k));
            }
            calls += again.calls();
        }
        return calls;
    }

    private static void readResults(String csv, String externalId, Map<String, CrmRecord> records,
                                    Map<String, UpsertResult> byLead, boolean success) {
        List<List<String>> rows = SalesforceCsv.parse(csv == null ? "" : csv);
        if (rows.isEmpty()) {
            return;
        }
        List<String> header = rows.get(0);
        int leadColumn = header.indexOf(externalId);
        int idColumn = header.indexOf("sf__Id");
        int second = header.indexOf(success ? "sf__Created" : "sf__Error");
        for (List<String> row : rows.subList(1, rows.size())) {
            if (leadColumn < 0 || leadColumn >= row.size()) {
                continue;
            }
            CrmRecord record = records.get(row.get(leadColumn));
            if (record == null) {
                continue;
            }
            if (success) {
                byLead.put(record.leadId().value(), UpsertResult.written(record.leadId(),
                        "true".equalsIgnoreCase(row.get(second)), row.get(idColumn)));
            } else {
                // sf__Error reads "STATUS_CODE:message:fields --".
                String error = second >= 0 && second < row.size() ? row.get(second) : "UNKNOWN_ERROR:no reason";
                int colon = error.indexOf(':');
                String code = colon > 0 ? error.substring(0, colon) : "UNKNOWN_ERROR";
                String message = colon > 0 ? error.substring(colon + 1).replaceAll(":[^:]*--\\s*$", "") : error;
                byLead.put(record.leadId().value(), UpsertResult.failed(record.leadId(), code, message,
                        RETRYABLE.contains(code)));
            }
        }
    }

    private static void check(SalesforceHttp.Response response, String what) {
        if (response.ok()) {
            return;
        }
        if (response.status() == 401) {
            throw new AccessTokenRejectedException(SalesforceErrors.describe(response));
        }
        SalesforceErrors.throwIfLimited(response, what);
        if (response.status() >= 500) {
            throw new CrmUnavailableException("Salesforce answered " + response.status() + " " + what + ": "
                    + SalesforceErrors.describe(response));
        }
        throw new CrmRejectedException("Salesforce refused " + what + " (" + response.status() + "): "
                + SalesforceErrors.describe(response));
    }

    /** The next poll interval: half as long again, at most {@link #POLL_CEILING}. */
    static Duration nextWait(Duration wait) {
        Duration next = wait.plus(wait.dividedBy(2));
        return next.compareTo(POLL_CEILING) > 0 ? POLL_CEILING : next;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException("interrupted while waiting for a Bulk API job");
        }
    }

    private static String json(Object value) {
        try {
            return io.micronaut.serde.ObjectMapper.getDefault().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
