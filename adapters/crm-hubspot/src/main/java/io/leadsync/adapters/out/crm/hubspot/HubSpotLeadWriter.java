package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upserts leads as HubSpot contacts with {@code batch/upsert} on LeadSync's unique lead-id property (HUBSPOT.md
 * section 2): up to 100 a call, one result per record matched back by the lead id, since HubSpot does not promise
 * results in input order.
 *
 * <p>HubSpot refuses some batches as a whole for one bad input (an invalid value, an email another contact has). The
 * batch is then split in halves until the bad record stands alone, so the other records still land and the bad one is
 * reported with HubSpot's own reason. A lone record whose email belongs to a contact LeadSync has not linked yet adopts
 * that contact (HubSpot answers 409 "Contact already exists. Existing ID: N"), unless it is already another lead's.
 */
@Singleton
@Requires(beans = HubSpotSettings.class)
final class HubSpotLeadWriter implements CrmLeadWriter {
    static final int BATCH_LIMIT = 100;
    private static final Pattern EXISTING_ID = Pattern.compile("Existing ID:\\s*(\\d+)");
    /** The ids a contact absorbed by merges, semicolon-separated. */
    static final String MERGED_IDS = "hs_merged_object_ids";

    private final HubSpotHttp http;
    private final HubSpotCompanies companies;

    HubSpotLeadWriter(HubSpotHttp http) {
        this.http = http;
        this.companies = new HubSpotCompanies(http);
    }

    @Override
    public CrmKind kind() {
        return CrmKind.HUBSPOT;
    }

    @Override
    public int batchLimit() {
        return BATCH_LIMIT;
    }

    /** Up to ten upsert batches a claim: their new contacts' companies are then read in one call (HUBSPOT.md 5). */
    @Override
    public int claimLimit() {
        return HubSpotCompanies.ASSOCIATION_READ_LIMIT;
    }

    @Override
    public UpsertBatch upsert(CrmSession session, List<CrmRecord> records) {
        if (records.size() > BATCH_LIMIT) {
            throw new IllegalArgumentException("HubSpot takes at most " + BATCH_LIMIT + " records a call");
        }
        return upsertBatches(session, records);
    }

    /**
     * The records in upsert batches of 100, then the company work of every contact they created at once: one
     * association read for up to 1,000 new contacts rather than one per batch (11 calls per 1,000 new leads instead of
     * 20 when the portal makes the companies itself).
     */
    @Override
    public UpsertBatch upsertBatches(CrmSession session, List<CrmRecord> records) {
        if (records.size() > claimLimit()) {
            throw new IllegalArgumentException("HubSpot's association read takes at most " + claimLimit()
                    + " contacts a call");
        }
        List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        List<UpsertResult> results = UpsertWaves.run(records, BATCH_LIMIT, batch -> {
            Call call = new Call(session);
            calls.add(call);
            return call.write(batch);
        });
        Call call = new Call(session);
        calls.add(call);
        companies.associate(session, newContactsWithCompany(records, results), call::send);
        // The usage HubSpot reported last (the association read's, if any) and every call made.
        Optional<ApiUsage> usage = Optional.empty();
        int made = 0;
        for (Call each : calls) {
            usage = each.usage.isPresent() ? each.usage : usage;
            made += each.calls;
        }
        return new UpsertBatch(results, usage, made);
    }

    /** Contacts these batches created whose lead names a company: updated ones were associated when they were created. */
    private static List<HubSpotCompanies.NewContact> newContactsWithCompany(List<CrmRecord> records,
                                                                           List<UpsertResult> results) {
        List<HubSpotCompanies.NewContact> contacts = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            UpsertResult result = results.get(i);
            Optional<String> company = value(records.get(i), LeadField.COMPANY_NAME);
            if (result.outcome() == UpsertResult.Outcome.CREATED && company.isPresent()) {
                Optional<String> website = value(records.get(i), LeadField.COMPANY_WEBSITE)
                        .flatMap(HubSpotCompanies::domainOf);
                Optional<String> email = value(records.get(i), LeadField.WORK_EMAIL)
                        .flatMap(HubSpotCompanies::emailDomain);
                contacts.add(new HubSpotCompanies.NewContact(result.crmRecordId().orElseThrow(), company.get(),
                        website.or(() -> email), website.isEmpty() ? email.isPresent() : website.equals(email)));
            }
        }
        return contacts;
    }

    private static Optional<String> value(CrmRecord record, LeadField field) {
        Optional<String> value = record.values().get(field);
        return value == null ? Optional.empty() : value.filter(text -> !text.isBlank());
    }

    /** One upsert's calls, which may be several when a refused batch is split. */
    private final class Call {
        private final CrmSession session;
        private final String idProperty;
        private int calls;
        private Optional<ApiUsage> usage = Optional.empty();

        Call(CrmSession session) {
            this.session = session;
            this.idProperty = session.mappings().stream().filter(mapping -> mapping.appField() == LeadField.LEAD_ID)
                    .map(FieldMapping::crmField).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the connection maps no property to the lead id"));
        }

        /**
         * One upsert batch of up to 100: contacts a pull linked that lack LeadSync's lead id are updated by their id,
         * stamping it, since an upsert by the lead-id property would not find them. Results in the records' order.
         */
        List<UpsertResult> write(List<CrmRecord> records) {
            List<CrmRecord> known = records.stream().filter(record -> record.knownRecordId().isPresent()).toList();
            List<CrmRecord> unknown = records.stream().filter(record -> record.knownRecordId().isEmpty()).toList();
            Map<String, UpsertResult> byLead = new HashMap<>(unknown.isEmpty() ? Map.of() : upsert(unknown));
            if (!known.isEmpty()) {
                byLead.putAll(updateById(known));
            }
            return records.stream().map(record -> byLead.get(record.leadId().value())).toList();
        }

        Map<String, UpsertResult> upsert(List<CrmRecord> records) {
            List<Map<String, Object>> inputs = new ArrayList<>();
            for (CrmRecord record : records) {
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("idProperty", idProperty);
                input.put("id", record.leadId().value());
                // Echoed in errors (HUBSPOT.md 2.1), which is how a failure finds its record.
                input.put("objectWriteTraceId", record.leadId().value());
                input.put("properties", properties(record));
                inputs.add(input);
            }
            HubSpotHttp.Response response = send(() -> http.postJson(
                    http.api("/crm/v3/objects/contacts/batch/upsert"), session.tokens().accessToken(),
                    Map.of("inputs", inputs)));
            if (response.ok() && response.body() != null) {
                return results(records, response.body());
            }
            if (response.status() == 400 || response.status() == 409) {
                if (records.size() > 1) {
                    Map<String, UpsertResult> results = new HashMap<>(upsert(records.subList(0, records.size() / 2)));
                    results.putAll(upsert(records.subList(records.size() / 2, records.size())));
                    return results;
                }
                return Map.of(records.get(0).leadId().value(), alone(records.get(0), response));
            }
            throw HubSpotErrors.failure(response, "upserting contacts");
        }

        /**
         * Batch update by contact id; every record is either written or failed with HubSpot's reason. HubSpot refuses
         * the whole call for one bad input (an e-mail another contact has: 409), so a refused batch is split in
         * halves, as for upserts, until the bad record stands alone. A contact HubSpot no longer finds by its id may
         * have been merged: {@link #followMerges} finds what it became and writes that instead.
         */
        Map<String, UpsertResult> updateById(List<CrmRecord> records) {
            return updateById(records, true);
        }

        private Map<String, UpsertResult> updateById(List<CrmRecord> records, boolean followMerges) {
            List<Map<String, Object>> inputs = new ArrayList<>();
            Map<String, CrmRecord> byContact = new LinkedHashMap<>();
            for (CrmRecord record : records) {
                String contactId = record.knownRecordId().orElseThrow();
                byContact.put(contactId, record);
                inputs.add(Map.of("id", contactId, "properties", properties(record)));
            }
            HubSpotHttp.Response response = send(() -> http.postJson(
                    http.api("/crm/v3/objects/contacts/batch/update"), session.tokens().accessToken(),
                    Map.of("inputs", inputs)));
            Map<String, UpsertResult> results = new HashMap<>();
            if (response.ok() && response.body() != null) {
                JsonNode written = response.body().get("results");
                if (written != null) {
                    for (JsonNode result : written.values()) {
                        HubSpotHttp.text(result, "id").filter(byContact::containsKey).ifPresent(id ->
                                results.put(byContact.get(id).leadId().value(),
                                        UpsertResult.written(byContact.get(id).leadId(), false, id)));
                    }
                }
                List<CrmRecord> notFound = new ArrayList<>();
                JsonNode errors = response.body().get("errors");
                for (JsonNode error : errors == null ? List.<JsonNode>of() : errors.values()) {
                    String category = HubSpotHttp.text(error, "category").orElse("ERROR");
                    JsonNode ids = error.get("context") == null ? null : error.get("context").get("ids");
                    for (JsonNode id : ids == null ? List.<JsonNode>of() : ids.values()) {
                        CrmRecord record = byContact.get(id.coerceStringValue());
                        if (record == null) {
                            continue;
                        }
                        if (category.equals("OBJECT_NOT_FOUND") && followMerges) {
                            notFound.add(record);
                        } else {
                            results.put(record.leadId().value(), UpsertResult.failed(record.leadId(), category,
                                    HubSpotHttp.text(error, "message").orElse("HubSpot gave no reason"), false));
                        }
                    }
                }
                if (!notFound.isEmpty()) {
                    results.putAll(followMerges(notFound));
                }
            } else if ((response.status() == 400 || response.status() == 409) && records.size() > 1) {
                results.putAll(updateById(records.subList(0, records.size() / 2), followMerges));
                results.putAll(updateById(records.subList(records.size() / 2, records.size()), followMerges));
            } else if (response.status() == 400 || response.status() == 404 || response.status() == 409) {
                String reason = HubSpotHttp.text(response.body(), "message").orElse(HubSpotErrors.describe(response));
                records.forEach(record -> results.put(record.leadId().value(), UpsertResult.failed(record.leadId(),
                        HubSpotErrors.category(response), reason, false)));
            } else {
                throw HubSpotErrors.failure(response, "updating contacts");
            }
            for (CrmRecord record : records) {
                results.putIfAbsent(record.leadId().value(), UpsertResult.failed(record.leadId(), "NO_RESULT",
                        "HubSpot answered the batch without a result for this contact", true));
            }
            return results;
        }

        /**
         * Contacts HubSpot no longer has under their id. A read by a merged-away id answers the contact it was merged
         * into (under its new id, listing the old one in {@code hs_merged_object_ids}), so one batch read finds each
         * survivor; the record is written there, and its link follows (the result names the survivor). A survivor
         * that carries another lead's id is that lead's: the record fails rather than take it. What is not found at
         * all was deleted.
         */
        private Map<String, UpsertResult> followMerges(List<CrmRecord> records) {
            List<Map<String, Object>> inputs = records.stream()
                    .map(record -> Map.<String, Object>of("id", record.knownRecordId().orElseThrow())).toList();
            HubSpotHttp.Response read = send(() -> http.postJson(http.api("/crm/v3/objects/contacts/batch/read"),
                    session.tokens().accessToken(), Map.of("properties", List.of(MERGED_IDS, idProperty),
                            "inputs", inputs)));
            if (!read.ok() || read.body() == null) {
                throw HubSpotErrors.failure(read, "reading contacts that were not found");
            }
            Map<String, JsonNode> survivorOf = new HashMap<>();
            JsonNode found = read.body().get("results");
            for (JsonNode survivor : found == null ? List.<JsonNode>of() : found.values()) {
                HubSpotHttp.text(survivor, "id").ifPresent(id -> survivorOf.put(id, survivor));
                String merged = HubSpotHttp.text(survivor.get("properties"), MERGED_IDS).orElse("");
                for (String old : merged.split(";")) {
                    if (!old.isBlank()) {
                        survivorOf.put(old.trim(), survivor);
                    }
                }
            }
            Map<String, UpsertResult> results = new HashMap<>();
            List<CrmRecord> retarget = new ArrayList<>();
            for (CrmRecord record : records) {
                JsonNode survivor = survivorOf.get(record.knownRecordId().orElseThrow());
                if (survivor == null) {
                    results.put(record.leadId().value(), UpsertResult.failed(record.leadId(), "OBJECT_NOT_FOUND",
                            "HubSpot contact " + record.knownRecordId().get() + " was deleted", false));
                    continue;
                }
                String survivorId = HubSpotHttp.text(survivor, "id").orElseThrow();
                Optional<String> owner = HubSpotHttp.text(survivor.get("properties"), idProperty)
                        .filter(value -> !value.isBlank());
                if (owner.isPresent() && !owner.get().equals(record.leadId().value())) {
                    results.put(record.leadId().value(), UpsertResult.failed(record.leadId(), "CONFLICT",
                            "HubSpot contact " + record.knownRecordId().get() + " was merged into contact "
                                    + survivorId + ", which is linked to lead " + owner.get(), false));
                } else {
                    retarget.add(new CrmRecord(record.leadId(), record.values(), Optional.of(survivorId)));
                }
            }
            if (!retarget.isEmpty()) {
                results.putAll(updateById(retarget, false));
            }
            return results;
        }

        HubSpotHttp.Response send(java.util.function.Supplier<HubSpotHttp.Response> request) {
            calls++;
            HubSpotHttp.Response response = request.get();
            response.usage().ifPresent(reported -> usage = Optional.of(reported));
            return response;
        }

        private Map<String, Object> properties(CrmRecord record) {
            return HubSpotLeadWriter.properties(session.mappings(), record);
        }

        private Map<String, UpsertResult> results(List<CrmRecord> records, JsonNode body) {
            Map<String, CrmRecord> byLead = new LinkedHashMap<>();
            records.forEach(record -> byLead.put(record.leadId().value(), record));
            Map<String, UpsertResult> results = new HashMap<>();
            JsonNode written = body.get("results");
            if (written != null) {
                for (JsonNode result : written.values()) {
                    Optional<String> leadId = HubSpotHttp.text(result, "objectWriteTraceId")
                            .or(() -> HubSpotHttp.text(result.get("properties"), idProperty));
                    Optional<String> contactId = HubSpotHttp.text(result, "id");
                    if (leadId.isPresent() && byLead.containsKey(leadId.get()) && contactId.isPresent()) {
                        JsonNode isNew = result.get("new");
                        results.put(leadId.get(), UpsertResult.written(byLead.get(leadId.get()).leadId(),
                                isNew != null && isNew.isBoolean() && isNew.getBooleanValue(), contactId.get()));
                    }
                }
            }
            JsonNode errors = body.get("errors");
            if (errors != null) {
                for (JsonNode error : errors.values()) {
                    String category = HubSpotHttp.text(error, "category").orElse("ERROR");
                    String message = HubSpotHttp.text(error, "message").orElse("HubSpot gave no reason");
                    for (String leadId : errorLeadIds(error, byLead)) {
                        results.putIfAbsent(leadId, UpsertResult.failed(byLead.get(leadId).leadId(), category,
                                message, retryable(category)));
                    }
                }
            }
            for (CrmRecord record : records) {
                results.putIfAbsent(record.leadId().value(), UpsertResult.failed(record.leadId(), "NO_RESULT",
                        "HubSpot answered the batch without a result for this contact", true));
            }
            return results;
        }

        /** The inputs an error is about: its {@code objectWriteTraceId}, or the ids it lists, in its context. */
        private List<String> errorLeadIds(JsonNode error, Map<String, CrmRecord> byLead) {
            List<String> leadIds = new ArrayList<>();
            JsonNode context = error.get("context");
            if (context != null) {
                for (String key : List.of("objectWriteTraceId", "ids", "id")) {
                    JsonNode values = context.get(key);
                    if (values == null) {
                        continue;
                    }
                    for (JsonNode value : values.isArray() ? values.values() : List.of(values)) {
                        if (value.isValueNode() && byLead.containsKey(value.coerceStringValue())) {
                            leadIds.add(value.coerceStringValue());
                        }
                    }
                }
            }
            HubSpotHttp.text(error, "objectWriteTraceId").filter(byLead::containsKey).ifPresent(leadIds::add);
            return leadIds;
        }

        /** A record HubSpot refused on its own: adopt the contact that already has its email, or report the reason. */
        private UpsertResult alone(CrmRecord record, HubSpotHttp.Response refusal) {
            String category = HubSpotErrors.category(refusal);
            String message = HubSpotHttp.text(refusal.body(), "message").orElse(HubSpotErrors.describe(refusal));
            Matcher existing = EXISTING_ID.matcher(message);
            if (refusal.status() == 409 && existing.find()) {
                return adopt(record, existing.group(1), message);
            }
            return UpsertResult.failed(record.leadId(), category.isEmpty() ? "HTTP_" + refusal.status() : category,
                    message, false);
        }

        private UpsertResult adopt(CrmRecord record, String contactId, String conflict) {
            HubSpotHttp.Response current = send(() -> http.get(http.api("/crm/v3/objects/contacts/" + contactId
                    + "?properties=" + HubSpotHttp.encode(idProperty)), session.tokens().accessToken()));
            if (!current.ok()) {
                throw HubSpotErrors.failure(current, "reading contact " + contactId);
            }
            Optional<String> owner = HubSpotHttp.text(current.body() == null ? null : current.body().get("properties"),
                    idProperty).filter(value -> !value.isBlank());
            if (owner.isPresent() && !owner.get().equals(record.leadId().value())) {
                return UpsertResult.failed(record.leadId(), "CONFLICT", conflict + "; that contact is already linked "
                        + "to lead " + owner.get() + " with the same email", false);
            }
            HubSpotHttp.Response patched = send(() -> http.patchJson(http.api("/crm/v3/objects/contacts/" + contactId),
                    session.tokens().accessToken(), Map.of("properties", properties(record))));
            if (patched.ok()) {
                return UpsertResult.written(record.leadId(), false, contactId);
            }
            if (patched.status() == 400) {
                return UpsertResult.failed(record.leadId(), HubSpotErrors.category(patched),
                        HubSpotHttp.text(patched.body(), "message").orElse(HubSpotErrors.describe(patched)), false);
            }
            throw HubSpotErrors.failure(patched, "updating contact " + contactId);
        }

        private static boolean retryable(String category) {
            return category.equals("RATE_LIMITS") || category.equals("LOCKED") || category.equals("INTERNAL_ERROR");
        }
    }

    /** The contact properties of the record, as {@link #upsert} sends them. */
    @Override
    public Map<String, Object> preview(List<FieldMapping> mappings, CrmRecord record) {
        return properties(mappings, record);
    }

    static Map<String, Object> properties(List<FieldMapping> mappings, CrmRecord record) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (FieldMapping mapping : mappings) {
            Optional<String> value = record.values().get(mapping.appField());
            if (value != null) {
                // Present but empty clears the HubSpot property; absent leaves it as it is.
                properties.put(mapping.crmField(),
                        value.map(v -> HubSpotPropertyTypes.value(mapping.appField(), v)).orElse(""));
            }
        }
        return properties;
    }
}
