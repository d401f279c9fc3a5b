package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.UpsertResult;
import io.micronaut.json.tree.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connection whose target is Person Account writes each lead as an Account of the org's person record type
 * (B2C orgs: the individual is the Account). Upserted by LeadSync's lead id on the Account, 200 a call, so a re-sync
 * updates the same person account; a record a pull linked is written by its Id (and keeps its record type).
 * The person record type is looked up ({@link SalesforcePersonTypes}) and kept a few minutes per org, so that an
 * admin who later takes it away is noticed: those leads then fail, not retried, with a reason that says what to do,
 * rather than becoming business Accounts (ADR 0082).
 */
final class SalesforcePersonAccountWriter {
    /** How long a found person record type is trusted before it is looked up again. */
    private static final long KEPT_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

    private final SalesforceHttp http;
    private final Map<String, Kept> personTypes = new ConcurrentHashMap<>();

    private record Kept(String recordTypeId, long at) {
    }

    SalesforcePersonAccountWriter(SalesforceHttp http) {
        this.http = http;
    }

    UpsertBatch upsert(CrmSession session, String base, List<CrmRecord> records) {
        String org = session.identity().orgId().isBlank() ? base : session.identity().orgId();
        Kept kept = personTypes.get(org);
        boolean trusted = kept != null && System.nanoTime() - kept.at() <= KEPT_NANOS;
        try {
            return upsert(session, base, records, org, trusted ? kept : null);
        } catch (io.leadsync.application.port.out.CrmRejectedException e) {
            if (!trusted) {
                throw e;
            }
            // The kept record type may be what the org took away since (the call was refused as a whole): once more,
            // looked up afresh, so that such leads fail with the reason rather than the org's puzzled 4xx.
            personTypes.remove(org);
            return upsert(session, base, records, org, null);
        }
    }

    private UpsertBatch upsert(CrmSession session, String base, List<CrmRecord> records, String org, Kept kept) {
        int calls = 0;
        if (kept == null) {
            SalesforcePersonTypes.Found found = SalesforcePersonTypes.find(http, session, base);
            calls += found.calls();
            if (found.recordTypeId().isEmpty()) {
                personTypes.remove(org);
                // Not retryable: the org will not grow Person Accounts by waiting; the admin must change something.
                return new UpsertBatch(records.stream().map(record -> UpsertResult.failed(record.leadId(),
                        SalesforcePersonTypes.UNAVAILABLE, SalesforcePersonTypes.UNAVAILABLE_MESSAGE, false)).toList(),
                        Optional.empty(), calls);
            }
            kept = new Kept(found.recordTypeId().get(), System.nanoTime());
            personTypes.put(org, kept);
        }
        UpsertResult[] results = new UpsertResult[records.size()];
        List<Integer> byId = new ArrayList<>();
        List<Integer> byLeadId = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            (records.get(i).knownRecordId().isPresent() ? byId : byLeadId).add(i);
        }
        Optional<ApiUsage> usage = Optional.empty();
        String externalId = SalesforceLeadPayloadMapper.externalIdField(session.mappings());
        if (!byLeadId.isEmpty()) {
            usage = send(session, URI.create(base + "/composite/sobjects/Account/" + externalId), records, byLeadId,
                    results, Optional.of(kept.recordTypeId()));
            calls++;
        }
        if (!byId.isEmpty()) {
            Optional<ApiUsage> reported = send(session, URI.create(base + "/composite/sobjects"), records, byId,
                    results, Optional.empty());
            usage = reported.isPresent() ? reported : usage;
            calls++;
        }
        if (java.util.Arrays.stream(results).anyMatch(result -> !result.succeeded())) {
            // A refused record type (deactivated since) must be looked up again next time, not trusted for minutes.
            personTypes.remove(org);
        }
        return new UpsertBatch(List.of(results), usage, calls);
    }

    /**
     * The Account payload: the mapped fields, and the person record type on an upsert (a new record becomes a person
     * account); a write by Id leaves the record type as it is, since Salesforce refuses changing it alongside fields.
     */
    private Optional<ApiUsage> send(CrmSession session, URI uri, List<CrmRecord> records, List<Integer> indexes,
                                    UpsertResult[] results, Optional<String> recordType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", false);
        body.put("records", indexes.stream().map(i -> {
            Map<String, Object> payload = SalesforceLeadPayloadMapper.toPayload(records.get(i), session.mappings());
            payload.put("attributes", Map.of("type", "Account"));
            recordType.ifPresent(id -> payload.put("RecordTypeId", id));
            records.get(i).knownRecordId().ifPresent(id -> payload.put("Id", id));
            return payload;
        }).toList());
        SalesforceHttp.Response response = http.patchJson(uri, session.tokens().accessToken(),
                SalesforceContactWriter.json(body));
        JsonNode array = SalesforceContactWriter.checked(response, indexes.size(), "write Person Accounts");
        for (int k = 0; k < indexes.size(); k++) {
            results[indexes.get(k)] = SalesforceContactWriter.result(records.get(indexes.get(k)), array.get(k));
        }
        return ApiUsage.fromSalesforceHeader(response.limitInfo());
    }
}
