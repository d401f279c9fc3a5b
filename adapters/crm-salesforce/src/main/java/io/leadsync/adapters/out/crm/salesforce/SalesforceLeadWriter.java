package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmRateLimitedException;
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
 * Upserts leads with sObject Collections on the lead-id external id (SALESFORCE.md section 5): up to 200 records a
 * call, {@code allOrNone=false} so one bad record does not hold back the others, one result per record in order.
 */
@Singleton
@Requires(beans = SalesforceSettings.class)
final class SalesforceLeadWriter implements CrmLeadWriter {
    static final int BATCH_LIMIT = 200;
    /** Per-record errors that may succeed on a later try; everything else needs the data or the org changed. */
    static final String DUPLICATES_DETECTED = "DUPLICATES_DETECTED";
    private static final Set<String> RETRYABLE = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "REQUEST_RUNNING_TOO_LONG");

    private final SalesforceSettings settings;
    private final SalesforceHttp http;
    private final SalesforceConvertedRecords converted;
    private final SalesforceContactWriter contacts;

    SalesforceLeadWriter(SalesforceSettings settings, SalesforceHttp http) {
        this.settings = settings;
        this.http = http;
        this.converted = new SalesforceConvertedRecords(http);
        this.contacts = new SalesforceContactWriter(http);
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
        if (session.target() == TargetObject.CONTACT) {
            return contacts.upsert(session, session.identity().instanceUrl().orElseThrow() + "/services/data/"
                    + settings.apiVersion(), records);
        }
        // Records a pull linked to a Lead that lacks LeadSync's lead id are updated by their Id (stamping the id);
        // an upsert by the external id would not find them and would create a second Lead.
        List<Integer> byId = new ArrayList<>();
        List<Integer> byExternalId = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            (records.get(i).knownRecordId().isPresent() ? byId : byExternalId).add(i);
        }
        UpsertResult[] results = new UpsertResult[records.size()];
        Map<Integer, List<String>> duplicates = new LinkedHashMap<>();
        Optional<ApiUsage> usage = Optional.empty();
        int calls = 0;
        String base = session.identity().instanceUrl().orElseThrow() + "/services/data/" + settings.apiVersion();
        if (!byExternalId.isEmpty()) {
            String externalId = SalesforceLeadPayloadMapper.externalIdField(session.mappings());
            usage = send(session, URI.create(base + "/composite/sobjects/Lead/" + externalId), records, byExternalId,
                    results, false, duplicates);
            calls++;
        }
        if (!byId.isEmpty()) {
            Optional<ApiUsage> reported = send(session, URI.create(base + "/composite/sobjects"), records, byId, results,
                    true, duplicates);
            usage = reported.isPresent() ? reported : usage;
            calls++;
        }
        if (!duplicates.isEmpty()) {
            calls += adoptDuplicates(session, base, records, results, duplicates);
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
            Optional<String> known = records.get(i).knownRecordId();
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
                send(session, byId, again, indexes, into, true, new LinkedHashMap<>()));
    }

    /**
     * Records a duplicate rule blocked ({@code DUPLICATES_DETECTED}) because a Lead with their e-mail exists already,
     * typically one a rep entered: where the rule names exactly one match that carries no other LeadSync lead id, the
     * record is written to that Lead by its Id, stamping the lead id, so the lead is linked to it from now on. The
     * rest stay refused, their reason naming the matches. Answers the calls it took.
     */
    private int adoptDuplicates(CrmSession session, String base, List<CrmRecord> records, UpsertResult[] results,
                                Map<Integer, List<String>> duplicates) {
        String externalId = SalesforceLeadPayloadMapper.externalIdField(session.mappings());
        List<String> single = duplicates.values().stream().filter(ids -> ids.size() == 1).map(ids -> ids.get(0))
                .filter(id -> id.matches("[A-Za-z0-9]{15,18}")).distinct().toList();
        Map<String, String> leadIdOf = new LinkedHashMap<>();
        int calls = 0;
        if (!single.isEmpty()) {
            String soql = "SELECT Id, " + externalId + " FROM Lead WHERE Id IN ('" + String.join("','", single) + "')";
            SalesforceHttp.Response found = http.get(URI.create(base + "/query?q=" + SalesforceHttp.encode(soql)),
                    session.tokens().accessToken());
            calls++;
            if (found.ok() && found.body() != null && found.body().get("records") != null) {
                for (JsonNode row : found.body().get("records").values()) {
                    leadIdOf.put(row.get("Id").getStringValue(),
                            SalesforceAuthorization.text(row, externalId).orElse(""));
                }
            }
        }
        List<CrmRecord> adopted = new ArrayList<>(records);
        List<Integer> adopt = new ArrayList<>();
        duplicates.forEach((index, matches) -> {
            CrmRecord record = records.get(index);
            String owner = matches.size() == 1 ? leadIdOf.get(matches.get(0)) : null;
            if (owner != null && (owner.isEmpty() || owner.equals(record.leadId().value()))) {
                adopted.set(index, new CrmRecord(record.leadId(), record.values(), Optional.of(matches.get(0))));
                adopt.add(index);
            } else {
                results[index] = UpsertResult.failed(record.leadId(), DUPLICATES_DETECTED, "Salesforce's duplicate "
                        + "rule matched " + String.join(", ", matches) + (owner != null && !owner.isEmpty()
                        ? " (already LeadSync lead " + owner + ")" : "") + ": merge them in Salesforce or change "
                        + "the lead's e-mail", false);
            }
        });
        if (!adopt.isEmpty()) {
            send(session, URI.create(base + "/composite/sobjects"), adopted, adopt, results, true,
                    new LinkedHashMap<>());
            calls++;
        }
        return calls;
    }

    /** One Collections call for the records at {@code indexes}; results go to the same positions. */
    private Optional<ApiUsage> send(CrmSession session, URI uri, List<CrmRecord> records, List<Integer> indexes,
                                    UpsertResult[] results, boolean byRecordId,
                                    Map<Integer, List<String>> duplicates) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", false);
        body.put("records", indexes.stream().map(i -> {
            Map<String, Object> lead = SalesforceLeadPayloadMapper.toPayload(records.get(i), session.mappings());
            Optional<String> id = records.get(i).knownRecordId().filter(known -> byRecordId);
            // A converted lead lives on in its Contact, which takes the Lead's values under the Contact's names.
            Map<String, Object> payload = id.filter(SalesforceConvertedRecords::isContact).isPresent()
                    ? SalesforceConvertedRecords.asContact(lead) : lead;
            id.ifPresent(known -> payload.put("Id", known));
            return payload;
        }).toList());
        SalesforceHttp.Response response = http.patchJson(uri, session.tokens().accessToken(), json(body));
        if (response.status() == 401) {
            throw new AccessTokenRejectedException(SalesforceErrors.describe(response));
        }
        if (response.status() == 403 && SalesforceErrors.code(response).equals("REQUEST_LIMIT_EXCEEDED")) {
            // The org's 24-hour allowance is spent: waiting seconds would not help, the sync must stop until it frees.
            throw new CrmRateLimitedException("Salesforce's daily API limit is spent: " + SalesforceErrors.describe(response),
                    Optional.empty(), true);
        }
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
            List<String> matches = duplicateMatches(response.body().get(k));
            if (!matches.isEmpty()) {
                duplicates.put(indexes.get(k), matches);
            }
        }
        return ApiUsage.fromSalesforceHeader(response.limitInfo());
    }

    private static UpsertResult result(CrmRecord record, JsonNode result) {
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

    /** The Ids a {@code DUPLICATES_DETECTED} error's {@code duplicateResult} names; none for any other result. */
    static List<String> duplicateMatches(JsonNode result) {
        JsonNode errors = result.get("errors");
        List<String> ids = new ArrayList<>();
        if (errors == null || !errors.isArray()) {
            return ids;
        }
        for (JsonNode error : errors.values()) {
            if (!DUPLICATES_DETECTED.equals(SalesforceAuthorization.text(error, "statusCode").orElse(""))
                    || error.get("duplicateResult") == null || error.get("duplicateResult").get("matchResults") == null) {
                continue;
            }
            for (JsonNode matchResult : error.get("duplicateResult").get("matchResults").values()) {
                JsonNode matchRecords = matchResult.get("matchRecords");
                if (matchRecords == null) {
                    continue;
                }
                for (JsonNode match : matchRecords.values()) {
                    JsonNode record = match.get("record");
                    SalesforceAuthorization.text(record, "Id").filter(id -> !ids.contains(id)).ifPresent(ids::add);
                }
            }
        }
        return ids;
    }

    private static String json(Object value) {
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
