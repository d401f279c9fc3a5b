package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.CrmConversion;
import io.micronaut.json.tree.JsonNode;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Leads a rep converted or merged away in Salesforce (SALESFORCE.md section 16). A converted Lead is read-only: writes
 * answer {@code CANNOT_UPDATE_CONVERTED_LEAD}, so LeadSync reads where it went ({@code ConvertedContactId}) and writes
 * the Contact instead, by its Id. A merged-away Lead is deleted ({@code ENTITY_IS_DELETED} to a write by Id) and names
 * its master in {@code MasterRecordId}, readable through {@code queryAll}: the write goes to the master unless it is
 * another LeadSync lead's ({@link SalesforceMergedRecords}). Lead fields
 * become the Contact's where the Contact has them (Salesforce's own conversion mapping: City to MailingCity, ...);
 * Company, Website, Industry and the Lead-only fields belong to the Account or the Lead and are not written.
 */
final class SalesforceConvertedRecords {
    static final String CONVERTED = "CANNOT_UPDATE_CONVERTED_LEAD";
    static final String DELETED = "ENTITY_IS_DELETED";
    static final String CONTACT_PREFIX = "003";
    /** Lead fields the Contact lacks: the Account's (Company, Website, Industry, ...) and the Lead's own. */
    private static final Set<String> NOT_ON_CONTACT = Set.of("company", "website", "industry", "status", "rating",
            "annualrevenue", "numberofemployees", "ownerid");
    private static final Map<String, String> RENAMED = Map.of("street", "MailingStreet", "city", "MailingCity",
            "state", "MailingState", "postalcode", "MailingPostalCode", "country", "MailingCountry");

    private final SalesforceHttp http;
    private final SalesforceMergedRecords merged;

    SalesforceConvertedRecords(SalesforceHttp http) {
        this.http = http;
        this.merged = new SalesforceMergedRecords(http);
    }

    /** Whether a record id names a Contact (a converted lead's record), whose payload needs the Contact's names. */
    static boolean isContact(String recordId) {
        return recordId.startsWith(CONTACT_PREFIX);
    }

    /** A Lead payload as the same values on a Contact: renamed where the names differ, the Account's fields left out. */
    static Map<String, Object> asContact(Map<String, Object> leadPayload) {
        Map<String, Object> contact = new LinkedHashMap<>();
        leadPayload.forEach((name, value) -> {
            if (name.equals("attributes")) {
                contact.put(name, Map.of("type", "Contact"));
                return;
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (!NOT_ON_CONTACT.contains(key)) {
                contact.put(RENAMED.getOrDefault(key, name), value);
            }
        });
        return contact;
    }

    /** What a write refused as converted or deleted needs: the Lead it went to, by Id or by the lead id. */
    record Refused(int index, Optional<String> leadRecordId) {
    }

    /**
     * The records at {@code refused} were refused as converted or deleted: find what they became and write them there
     * by Id (one query, then one Collections update). Their results are replaced when that write succeeds; the others
     * keep the CRM's refusal. Answers the calls it took.
     */
    int follow(CrmSession session, String base, List<CrmRecord> records, UpsertResult[] results, List<Refused> refused,
               Sender sender) {
        String externalId = SalesforceLeadPayloadMapper.externalIdField(session.mappings());
        List<String> byId = new ArrayList<>();
        List<String> byLeadId = new ArrayList<>();
        for (Refused r : refused) {
            if (r.leadRecordId().isPresent()) {
                byId.add(r.leadRecordId().get());
            } else {
                byLeadId.add(records.get(r.index()).leadId().value());
            }
        }
        List<String> where = new ArrayList<>();
        if (!byId.isEmpty()) {
            where.add("Id IN (" + quoted(byId) + ")");
        }
        if (!byLeadId.isEmpty()) {
            where.add(externalId + " IN (" + quoted(byLeadId) + ")");
        }
        // queryAll: a merged-away Lead is deleted, and only queryAll still shows it with its MasterRecordId.
        String soql = "SELECT Id, " + externalId + ", IsDeleted, MasterRecordId, IsConverted, ConvertedContactId, "
                + "ConvertedAccountId, ConvertedDate FROM Lead WHERE " + String.join(" OR ", where);
        SalesforceHttp.Response found = http.get(URI.create(base + "/queryAll?q=" + SalesforceHttp.encode(soql)),
                session.tokens().accessToken());
        int calls = 1;
        if (!found.ok() || found.body() == null || found.body().get("records") == null) {
            return calls;
        }
        Map<String, JsonNode> rowById = new LinkedHashMap<>();
        Map<String, JsonNode> rowByLeadId = new LinkedHashMap<>();
        for (JsonNode row : found.body().get("records").values()) {
            rowById.put(row.get("Id").getStringValue(), row);
            SalesforceAuthorization.text(row, externalId).ifPresent(id -> rowByLeadId.putIfAbsent(id, row));
        }
        List<CrmRecord> rewritten = new ArrayList<>(records);
        List<Integer> resend = new ArrayList<>();
        Map<Integer, CrmConversion> conversions = new LinkedHashMap<>();
        Map<String, String> masters = new LinkedHashMap<>();
        Map<String, Integer> mergedIndex = new LinkedHashMap<>();
        for (Refused r : refused) {
            CrmRecord record = records.get(r.index());
            JsonNode row = r.leadRecordId().map(rowById::get).orElseGet(() -> rowByLeadId.get(record.leadId().value()));
            if (row == null) {
                continue;
            }
            Optional<String> target = Optional.empty();
            if (flag(row, "IsConverted")) {
                Optional<String> contact = SalesforceAuthorization.text(row, "ConvertedContactId");
                if (contact.isPresent()) {
                    conversions.put(r.index(), conversion(row, contact.get()));
                    target = contact;
                }
            } else if (flag(row, "IsDeleted")) {
                Optional<String> master = SalesforceAuthorization.text(row, "MasterRecordId");
                if (master.isPresent()) {
                    masters.put(record.leadId().value(), master.get());
                    mergedIndex.put(record.leadId().value(), r.index());
                } else {
                    // A rep deleted it: the next pull marks the link deleted, and the lead is then sent whole.
                    results[r.index()] = UpsertResult.failed(record.leadId(), DELETED, "a rep deleted Lead "
                            + row.get("Id").getStringValue() + " in Salesforce; LeadSync's next pull records it and "
                            + "the lead is sent again", true);
                }
            }
            if (target.isPresent()) {
                rewritten.set(r.index(), new CrmRecord(record.leadId(), record.values(), target));
                resend.add(r.index());
            }
        }
        if (!masters.isEmpty()) {
            Map<String, SalesforceMergedRecords.Resolved> resolved = merged.resolve(session, base, masters);
            calls += merged.calls();
            resolved.forEach((leadId, outcome) -> {
                int index = mergedIndex.get(leadId);
                CrmRecord record = records.get(index);
                if (outcome.target().isEmpty()) {
                    results[index] = UpsertResult.failed(record.leadId(), DELETED, "a rep merged this lead's Lead "
                            + "away in Salesforce, and " + outcome.refusal() + ": the lead was not written there",
                            false);
                    return;
                }
                SalesforceMergedRecords.Target target = outcome.target().get();
                target.conversion().ifPresent(conversion -> conversions.put(index, conversion));
                rewritten.set(index, new CrmRecord(record.leadId(), record.values(), Optional.of(target.recordId())));
                resend.add(index);
            });
        }
        if (resend.isEmpty()) {
            return calls;
        }
        UpsertResult[] second = new UpsertResult[records.size()];
        sender.send(rewritten, resend, second);
        calls++;
        for (int index : resend) {
            UpsertResult result = second[index];
            CrmConversion conversion = conversions.get(index);
            results[index] = result.succeeded() && conversion != null
                    ? UpsertResult.writtenToConverted(record(records, index).leadId(), conversion) : result;
        }
        return calls;
    }

    /** One Collections update by Id of the records at {@code indexes}; results go to the same positions. */
    interface Sender {
        void send(List<CrmRecord> records, List<Integer> indexes, UpsertResult[] results);
    }

    static CrmConversion conversion(JsonNode row, String contactId) {
        Optional<LocalDate> on = SalesforceAuthorization.text(row, "ConvertedDate").flatMap(text -> {
            try {
                return Optional.of(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
        return new CrmConversion(row.get("Id").getStringValue(), contactId,
                SalesforceAuthorization.text(row, "ConvertedAccountId"), on);
    }

    private static CrmRecord record(List<CrmRecord> records, int index) {
        return records.get(index);
    }

    private static boolean flag(JsonNode row, String name) {
        JsonNode value = row.get(name);
        return value != null && value.isBoolean() && value.getBooleanValue();
    }

    /** Ids and lead ids as SOQL literals; lead ids are checked by LeadSync, quotes escaped all the same. */
    private static String quoted(List<String> values) {
        return String.join(",", values.stream().map(v -> "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'")
                .toList());
    }
}
