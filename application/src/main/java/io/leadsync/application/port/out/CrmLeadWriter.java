package io.leadsync.application.port.out;

import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.FieldMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes leads into one kind of CRM by LeadSync's own lead id as the external id, in the CRM's native batches: a
 * record that exists is updated, one that does not is created, so writing the same lead again never duplicates it.
 * Never looks up and then creates.
 */
public interface CrmLeadWriter {
    CrmKind kind();

    /** How many records one call may carry: Salesforce 200, HubSpot 100. */
    int batchLimit();

    /**
     * Upserts up to {@link #batchLimit()} records in one call; one result per record, in the records' order, and the
     * CRM's API usage as it reported it.
     *
     * @throws AccessTokenRejectedException when the CRM refused the access token: refresh it and call again
     * @throws CrmUnavailableException      when the CRM failed or could not be reached; nothing is known to be written
     * @throws CrmRejectedException         when the CRM refused the whole call for a reason retrying cannot fix
     */
    UpsertBatch upsert(CrmSession session, List<CrmRecord> records);

    /**
     * How many records one push claims and hands to {@link #upsertBatches}: {@link #batchLimit()}, unless the writer
     * does work once per claim after its batches (HubSpot reads the company associations of all the claim's new
     * contacts in one call, up to 1,000).
     */
    default int claimLimit() {
        return batchLimit();
    }

    /**
     * Upserts up to {@link #claimLimit()} records in calls of {@link #batchLimit()}: one result per record, in the
     * records' order, the calls of every batch, and the last API usage the CRM reported. It fails as {@link #upsert}
     * does, as a whole: whoever retries writes again what the earlier batches wrote, which an upsert never
     * duplicates.
     */
    default UpsertBatch upsertBatches(CrmSession session, List<CrmRecord> records) {
        List<UpsertResult> results = new ArrayList<>();
        Optional<ApiUsage> usage = Optional.empty();
        int calls = 0;
        for (int from = 0; from < records.size(); from += batchLimit()) {
            UpsertBatch batch = upsert(session, records.subList(from, Math.min(records.size(), from + batchLimit())));
            results.addAll(batch.results());
            usage = batch.usage().isPresent() ? batch.usage() : usage;
            calls += batch.calls();
        }
        return new UpsertBatch(results, usage, Math.max(1, calls));
    }

    /**
     * The CRM's field names and the values {@link #upsert} would send for {@code record} under {@code mappings}, typed
     * as on the wire (a null or empty value clears the field): what a dry run shows. Writers whose wire types differ
     * from LeadSync's canonical text override this with their own mapping.
     */
    default Map<String, Object> preview(List<FieldMapping> mappings, CrmRecord record) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (FieldMapping mapping : mappings) {
            Optional<String> value = record.values().get(mapping.appField());
            if (value != null) {
                payload.put(mapping.crmField(), value.orElse(null));
            }
        }
        return payload;
    }
}
