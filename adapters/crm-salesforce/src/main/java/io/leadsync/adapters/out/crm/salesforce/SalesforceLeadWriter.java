package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.TargetObject;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes leads with sObject Collections (SALESFORCE.md section 5): new leads by upsert on the lead-id external id,
 * leads already linked to a Lead by its record Id (ADR 0079); up to 200 records a call, {@code allOrNone=false} so one
 * bad record does not hold back the others, one result per record in order.
 * Every write says whether the org's assignment rules run (section 16): never for leads already in the org.
 */
@Singleton
@Requires(beans = SalesforceSettings.class)
final class SalesforceLeadWriter implements CrmLeadWriter {
    static final int BATCH_LIMIT = 200;
    /** Per-record errors that may succeed on a later try; everything else needs the data or the org changed. */
    static final String DUPLICATES_DETECTED = "DUPLICATES_DETECTED";
    private static final Set<String> RETRYABLE = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "REQUEST_RUNNING_TOO_LONG");

    /** Updates never run the org's assignment rule: a lead a rep owns stays theirs. */
    static final Map<String, String> KEEP_OWNER = Map.of("Sforce-Auto-Assign", "FALSE");
    /** New leads go through the org's active assignment rule (the connection's setting, on by default). */
    static final Map<String, String> RUN_RULES = Map.of("Sforce-Auto-Assign", "TRUE");

    private final SalesforceSettings settings;
    private final SalesforceHttp http;
    private final SalesforceConvertedRecords converted;
    private final SalesforceContactWriter contacts;
    private final SalesforcePersonAccountWriter personAccounts;
    private final SalesforceDuplicates duplicateHandler;

    SalesforceLeadWriter(SalesforceSettings settings, SalesforceHttp http) {
        this.settings = settings;
        this.http = http;
        this.converted = new SalesforceConvertedRecords(http);
        this.contacts = new SalesforceContactWriter(http);
        this.personAccounts = new SalesforcePersonAccountWriter(http);
        this.duplicateHandler = new SalesforceDuplicates(http, this);
    }

    @Override
    public CrmKind kind() {
        return CrmKind.SALESFORCE;
    }

    @Override
    public int batchLimit() {
        return BATCH_LIMIT;
    }

    @Override
    public UpsertBatch upsert(CrmSession session, List<CrmRecord> records) {
        if (records.size() > BATCH_LIMIT) {
            throw new IllegalArgumentException("Salesforce takes at most " + BATCH_LIMIT + " records a call");
        }
        if (session.target() == TargetObject.PERSON_ACCOUNT) {
            return personAccounts.upsert(session, session.identity().instanceUrl().orElseThrow() + "/services/data/"
                    + settings.apiVersion(), records);
        }
        if (session.target() == TargetObject.CONTACT) {
            return contacts.upsert(session, session.identity().instanceUrl().orElseThrow() + "/services/data/"
                    + settings.apiVersion(), records);
        }
        // Leads already linked to a Lead are updated by its Id (stamping the lead id where a pull linked a rep's
        // Lead): a Lead a rep merged away then answers ENTITY_IS_DELETED and the write follows it to the master,
        // where an upsert by the lead id would match nothing (the deleted loser took the id with it) and create a
        // second Lead (ADR 0079). New leads go by lead id, apart from the others: Salesforce runs the org's
        // assignment rule on every REST write unless told not to (Sforce-Auto-Assign, absent = TRUE), so only new
        // leads may be routed by it.
        List<Integer> byId = new ArrayList<>();
        List<Integer> existing = new ArrayList<>();
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            CrmRecord record = records.get(i);
            (record.writeId().isPresent() ? byId : record.inCrm() ? existing : fresh).add(i);
        }
        UpsertResult[] results = new UpsertResult[records.size()];
        List<Integer> duplicates = new ArrayList<>();
        Optional<ApiUsage> usage = Optional.empty();
        int calls = 0;
        String base = session.identity().instanceUrl().orElseThrow() + "/services/data/" + settings.apiVersion();
        URI byExternalId = URI.create(base + "/composite/sobjects/Lead/"
                + SalesforceLeadPayloadMapper.externalIdField(session.mappings()));
        if (!existing.isEmpty()) {
            usage = send(session, byExternalId, records, existing, results, false, KEEP_OWNER, duplicates);
            calls++;
        }
        if (!fresh.isEmpty()) {
            Optional<ApiUsage> reported = send(session, byExternalId, records, fresh, results, false,
                    session.assignNewLeadsByRules() ? RUN_RULES : KEEP_OWNER, duplicates);
            usage = reported.isPresent() ? reported : usage;
            calls++;
        }
        if (!byId.isEmpty()) {
            Optional<ApiUsage> reported = send(session, URI.create(base + "/composite/sobjects"), records, byId,
                    results, true, KEEP_OWNER, duplicates);
            usage = reported.isPresent() ? reported : usage;
            calls++;
        }
        if (!duplicates.isEmpty()) {
            calls += duplicateHandler.resolve(session, base, records, results, duplicates);
        }
        calls += followConvertedAndMerged(session, base, records, results);
        return new UpsertBatch(List.of(results), usage, calls);
    }

    /**
     * Records refused because a rep converted their Lead ({@code CANNOT_UPDATE_CONVERTED_LEAD}) or merged it away
     * ({@code ENTITY_IS_DELETED} on a write by Id) go to the Contact or the master instead; see
     * {@link SalesforceConvertedRecords}. Answers the calls it took.
     */
    private int followConvertedAndMerged(CrmSession session, String base, List<CrmRecord> records,
                                         UpsertResult[] results) {
        List<SalesforceConvertedRecords.Refused> refused = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String code = results[i] == null ? "" : results[i].errorCode().orElse("");
            Optional<String> known = records.get(i).writeId();
            boolean onLead = known.map(id -> !SalesforceConvertedRecords.isContact(id)).orElse(true);
            if (onLead && (code.equals(SalesforceConvertedRecords.CONVERTED)
                    || known.isPresent() && code.equals(SalesforceConvertedRecords.DELETED))) {
                refused.add(new SalesforceConvertedRecords.Refused(i, known));
            }
        }
        if (refused.isEmpty()) {
            return 0;
        }
        URI byId = URI.create(base + "/composite/sobjects");
        return converted.follow(session, base, records, results, refused, (again, indexes, into) ->
                send(session, byId, again, indexes, into, true, KEEP_OWNER, new ArrayList<>()));
    }

    /**
     * One Collections call for the records at {@code indexes}; results go to the same positions, and the positions a
     * duplicate rule refused ({@code DUPLICATES_DETECTED}) to {@code duplicates}.
     */
    Optional<ApiUsage> send(CrmSession session, URI uri, List<CrmRecord> records, List<Integer> indexes,
                            UpsertResult[] results, boolean byRecordId, Map<String, String> headers,
                            List<Integer> duplicates) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", false);
        body.put("records", indexes.stream().map(i -> {
            Map<String, Object> lead = SalesforceLeadPayloadMapper.toPayload(records.get(i), session.mappings());
            Optional<String> id = records.get(i).writeId().filter(known -> byRecordId);
            // A converted lead lives on in its Contact, which takes the Lead's values under the Contact's names.
            Map<String, Object> payload = id.filter(SalesforceConvertedRecords::isContact).isPresent()
                    ? SalesforceConvertedRecords.asContact(lead) : lead;
            id.ifPresent(known -> payload.put("Id", known));
            return payload;
        }).toList());
        SalesforceHttp.Response response = http.patchJson(uri, session.tokens().accessToken(), json(body), headers);
        if (response.status() == 401) {
            throw new AccessTokenRejectedException(SalesforceErrors.describe(response));
        }
        SalesforceErrors.throwIfLimited(response, byRecordId ? "update" : "upsert");
        if (response.status() >= 500) {
            throw new CrmUnavailableException("Salesforce answered " + response.status() + ": "
                    + SalesforceErrors.describe(response));
        }
        if (!response.ok() || response.body() == null || !response.body().isArray()
                || response.body().size() != indexes.size()) {
            throw new CrmRejectedException("Salesforce refused the " + (byRecordId ? "update" : "upsert") + " ("
                    + response.status() + "): " + SalesforceErrors.describe(response));
        }
        for (int k = 0; k < indexes.size(); k++) {
            results[indexes.get(k)] = result(records.get(indexes.get(k)), response.body().get(k));
            if (DUPLICATES_DETECTED.equals(results[indexes.get(k)].errorCode().orElse(""))) {
                duplicates.add(indexes.get(k));
            }
        }
        return ApiUsage.fromSalesforceHeader(response.limitInfo());
    }

    static UpsertResult result(CrmRecord record, JsonNode result) {
        JsonNode success = result.get("success");
        if (success != null && success.getBooleanValue()) {
            JsonNode created = result.get("created");
            return UpsertResult.written(record.leadId(), created != null && created.getBooleanValue(),
                    result.get("id").getStringValue());
        }
        JsonNode errors = result.get("errors");
        JsonNode first = errors != null && errors.size() > 0 ? errors.get(0) : null;
        String code = SalesforceAuthorization.text(first, "statusCode").orElse("UNKNOWN_ERROR");
        String message = SalesforceAuthorization.text(first, "message").orElse("Salesforce gave no reason");
        return UpsertResult.failed(record.leadId(), code, message, RETRYABLE.contains(code));
    }

    static String json(Object value) {
        try {
            return ObjectMapper.getDefault().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Collections payload of the record, as {@link #upsert} sends it, without its type attribute. */
    @Override
    public Map<String, Object> preview(List<FieldMapping> mappings, CrmRecord record) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>(SalesforceLeadPayloadMapper.toPayload(record,
                mappings));
        payload.remove("attributes");
        return payload;
    }
}
