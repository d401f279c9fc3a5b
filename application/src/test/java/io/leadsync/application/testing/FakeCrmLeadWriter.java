package io.leadsync.application.testing;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.ApiUsage;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.LeadField;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A CRM's lead store as the services see it: upserts by lead id, counts calls, and can refuse an access token or a
 * record the way a CRM does.
 */
public final class FakeCrmLeadWriter implements CrmLeadWriter {
    private final CrmKind kind;
    private final int batchLimit;
    private final Map<String, Map<LeadField, Optional<String>>> records = new HashMap<>();
    private final Map<String, String> idsByLead = new HashMap<>();
    private final List<String> accessTokensSeen = new ArrayList<>();
    private Set<String> refusedAccessTokens = Set.of();
    private Set<String> refusedLeads = Set.of();
    private Set<String> lockedLeads = Set.of();
    private Set<String> rateLimitedLeads = Set.of();
    private int calls;
    private int rateLimitedCalls;
    private boolean dailyLimitSpent;
    private int failingCallsAfter = -1;

    private final Map<String, io.leadsync.domain.crm.CrmConversion> converted = new java.util.HashMap<>();
    private final List<String> knownRecordIds = new ArrayList<>();

    public FakeCrmLeadWriter(CrmKind kind, int batchLimit) {
        this.kind = kind;
        this.batchLimit = batchLimit;
    }

    @Override
    public CrmKind kind() {
        return kind;
    }

    @Override
    public int batchLimit() {
        return batchLimit;
    }

    @Override
    public UpsertBatch upsert(CrmSession session, List<CrmRecord> batch) {
        calls++;
        accessTokensSeen.add(session.tokens().accessToken());
        if (batch.size() > batchLimit) {
            throw new IllegalArgumentException("more than " + batchLimit + " records in one call");
        }
        if (failingCallsAfter >= 0 && calls > failingCallsAfter) {
            throw new io.leadsync.application.port.out.CrmUnavailableException("Salesforce answered 503: SERVER_UNAVAILABLE");
        }
        if (dailyLimitSpent) {
            throw new CrmRateLimitedException("You have reached your daily limit.", Optional.empty(), true);
        }
        if (rateLimitedCalls > 0) {
            rateLimitedCalls--;
            throw new CrmRateLimitedException("You have reached your ten_secondly_rolling limit.",
                    Optional.of(Duration.ofSeconds(2)), false);
        }
        if (refusedAccessTokens.contains(session.tokens().accessToken())) {
            throw new AccessTokenRejectedException("INVALID_SESSION_ID: Session expired or invalid");
        }
        List<UpsertResult> results = new ArrayList<>();
        for (CrmRecord record : batch) {
            String leadId = record.leadId().value();
            if (rateLimitedLeads.contains(leadId)) {
                // As a real writer reports the records of a later call of its claim that met the rate limit.
                results.add(UpsertResult.failed(record.leadId(), "RATE_LIMITS",
                        "upserting contacts: RATE_LIMIT: You have reached your ten_secondly_rolling limit.", true));
                continue;
            }
            if (lockedLeads.contains(leadId)) {
                results.add(UpsertResult.failed(record.leadId(), "UNABLE_TO_LOCK_ROW",
                        "unable to obtain exclusive access to this record", true));
                continue;
            }
            if (refusedLeads.contains(leadId)) {
                results.add(UpsertResult.failed(record.leadId(), "REQUIRED_FIELD_MISSING",
                        "Required fields are missing: [Company]", false));
                continue;
            }
            // A record linked by a pull is written by its CRM id, as the real writers do; never a second record.
            record.knownRecordId().ifPresent(knownRecordIds::add);
            io.leadsync.domain.crm.CrmConversion conversion = converted.remove(leadId);
            if (conversion != null) {
                // The writer found the Lead converted and wrote the Contact instead, as the Salesforce writer does.
                idsByLead.put(leadId, conversion.contactId());
                records.put(leadId, record.values());
                results.add(UpsertResult.writtenToConverted(record.leadId(), conversion));
                continue;
            }
            record.knownRecordId().ifPresent(id -> idsByLead.put(leadId, id));
            boolean created = !idsByLead.containsKey(leadId);
            idsByLead.computeIfAbsent(leadId, id -> String.format("00Q%015d", idsByLead.size() + 1));
            records.put(leadId, record.values());
            results.add(UpsertResult.written(record.leadId(), created, idsByLead.get(leadId)));
        }
        return new UpsertBatch(results, Optional.of(new ApiUsage(calls, 15_000)));
    }

    /** A rep converted this lead's record: its next write lands on the Contact, as the real writer answers. */
    public void convertOnNextWrite(String leadId, io.leadsync.domain.crm.CrmConversion conversion) {
        converted.put(leadId, conversion);
    }

    /** Every CRM id a record was written to by id, in order. */
    public List<String> knownRecordIds() {
        return List.copyOf(knownRecordIds);
    }

    /**
     * From now on an upsert of {@code leadId} lands on the record {@code holder} was written to, as when a rep retypes
     * LeadSync's lead id on a record or merges two people into one.
     */
    public void writeOntoRecordOf(String leadId, String holder) {
        idsByLead.put(leadId, idsByLead.get(holder));
    }

    public void refuseAccessToken(String accessToken) {
        refusedAccessTokens = Set.of(accessToken);
    }

    /** The next {@code count} calls answer 429 with a two-second Retry-After, writing nothing. */
    public void rateLimitNext(int count) {
        rateLimitedCalls = count;
    }

    /** Every call after the first {@code calls} fails as an unavailable CRM does. */
    public void failAfter(int calls) {
        failingCallsAfter = calls;
    }

    public void spendDailyLimit() {
        dailyLimitSpent = true;
    }

    /** These leads fail with a lock error, which a later attempt may get past. */
    public void rateLimitLeads(String... leadIds) {
        rateLimitedLeads = Set.of(leadIds);
    }

    public void lockLeads(String... leadIds) {
        lockedLeads = Set.of(leadIds);
    }

    public void refuseLeads(String... leadIds) {
        refusedLeads = Set.of(leadIds);
    }

    public int calls() {
        return calls;
    }

    public Map<String, Map<LeadField, Optional<String>>> records() {
        return records;
    }

    public List<String> accessTokensSeen() {
        return accessTokensSeen;
    }
}
