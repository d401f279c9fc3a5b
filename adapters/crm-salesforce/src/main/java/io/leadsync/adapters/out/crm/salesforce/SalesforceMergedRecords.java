package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmSession;
import io.leadsync.domain.crm.CrmConversion;
import io.micronaut.json.tree.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Lead a rep merged away lives on (ADR 0079). Salesforce deletes the losers of a merge and names the master in
 * their {@code MasterRecordId}; the master keeps its own field values, LeadSync's lead id field included, unless the
 * rep chose the loser's. So before a write goes to the master, the master is read ({@code queryAll}: it may itself
 * have been merged away or converted since): a master carrying another LeadSync lead's id is that lead's record, and
 * the write does not go there (two leads never share one record, and the other lead's id is never overwritten).
 * One query per hop, only for merged records.
 */
final class SalesforceMergedRecords {
    /** A master merged away again is followed this many times at most. */
    private static final int HOPS = 3;

    /** Where the lead goes: the record to write by Id (and the conversion, when the master was converted). */
    record Target(String recordId, Optional<CrmConversion> conversion) {
    }

    /** The master, or why the lead cannot go there. */
    record Resolved(Optional<Target> target, String refusal) {
        static Resolved to(Target target) {
            return new Resolved(Optional.of(target), "");
        }

        static Resolved refused(String why) {
            return new Resolved(Optional.empty(), why);
        }
    }

    private final SalesforceHttp http;
    /** Calls made by the last {@link #resolve}. */
    private int calls;

    SalesforceMergedRecords(SalesforceHttp http) {
        this.http = http;
    }

    int calls() {
        return calls;
    }

    /**
     * The master of each merged-away Lead, by the lead id the write is for: {@code masters} maps a lead id to the
     * master its Lead names. Answers one resolution per lead id.
     */
    Map<String, Resolved> resolve(CrmSession session, String base, Map<String, String> masters) {
        String externalId = SalesforceLeadPayloadMapper.externalIdField(session.mappings());
        Map<String, Resolved> resolved = new LinkedHashMap<>();
        Map<String, String> pending = new LinkedHashMap<>(masters);
        calls = 0;
        for (int hop = 0; hop < HOPS && !pending.isEmpty(); hop++) {
            Map<String, JsonNode> rows = read(session, base, externalId, new ArrayList<>(pending.values()));
            Map<String, String> next = new LinkedHashMap<>();
            pending.forEach((leadId, masterId) -> {
                JsonNode row = rows.get(key(masterId));
                if (row == null) {
                    resolved.put(leadId, Resolved.refused("it was merged into Lead " + masterId
                            + ", which Salesforce no longer has"));
                    return;
                }
                Optional<String> holder = SalesforceAuthorization.text(row, externalId);
                if (holder.isPresent() && !holder.get().equals(leadId)) {
                    resolved.put(leadId, Resolved.refused("it was merged into Lead " + masterId
                            + ", which is LeadSync lead " + holder.get() + "'s record"));
                } else if (flag(row, "IsDeleted")) {
                    Optional<String> again = SalesforceAuthorization.text(row, "MasterRecordId");
                    if (again.isPresent()) {
                        next.put(leadId, again.get());
                    } else {
                        resolved.put(leadId, Resolved.refused("it was merged into Lead " + masterId
                                + ", which was deleted since"));
                    }
                } else if (flag(row, "IsConverted")) {
                    Optional<String> contact = SalesforceAuthorization.text(row, "ConvertedContactId");
                    resolved.put(leadId, contact.map(id -> Resolved.to(new Target(id,
                                    Optional.of(SalesforceConvertedRecords.conversion(row, id)))))
                            .orElseGet(() -> Resolved.refused("it was merged into Lead " + masterId
                                    + ", which was converted")));
                } else {
                    resolved.put(leadId, Resolved.to(new Target(row.get("Id").getStringValue(), Optional.empty())));
                }
            });
            pending = next;
        }
        pending.forEach((leadId, masterId) -> resolved.put(leadId, Resolved.refused("it was merged more than "
                + HOPS + " times over, last into Lead " + masterId)));
        return resolved;
    }

    /** The Leads by their 15-character Id, deleted ones included. */
    private Map<String, JsonNode> read(CrmSession session, String base, String externalId, List<String> ids) {
        String soql = "SELECT Id, " + externalId + ", IsDeleted, MasterRecordId, IsConverted, ConvertedContactId, "
                + "ConvertedAccountId, ConvertedDate FROM Lead WHERE Id IN (" + String.join(",", ids.stream()
                .distinct().map(SalesforceDuplicates::quote).toList()) + ")";
        SalesforceHttp.Response found = http.get(URI.create(base + "/queryAll?q=" + SalesforceHttp.encode(soql)),
                session.tokens().accessToken());
        calls++;
        SalesforceErrors.throwIfLimited(found, "reading the master of a merged Lead");
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        if (found.ok() && found.body() != null && found.body().get("records") != null) {
            found.body().get("records").values().forEach(row -> SalesforceAuthorization.text(row, "Id")
                    .ifPresent(id -> rows.put(key(id), row)));
        }
        return rows;
    }

    /** A record Id's case-sensitive 15-character form: the 18-character one only adds a checksum. */
    private static String key(String id) {
        return id.length() > 15 ? id.substring(0, 15) : id;
    }

    private static boolean flag(JsonNode row, String name) {
        JsonNode value = row.get(name);
        return value != null && value.isBoolean() && value.getBooleanValue();
    }
}
