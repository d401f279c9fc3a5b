package io.leadsync.application.port.out;

import io.leadsync.domain.crm.CrmKind;

import java.util.List;

/**
 * Writes many leads in one asynchronous job (Salesforce Bulk API 2.0 ingest, upsert on the lead-id external id) when a
 * backlog is large enough that batches of {@link CrmLeadWriter#batchLimit()} would spend the API budget: a 10,000-lead
 * backfill is a handful of calls instead of fifty. Records with a {@link CrmRecord#knownRecordId()} do not belong here:
 * an upsert by lead id would not find their CRM record.
 */
public interface CrmBulkLeadWriter {
    CrmKind kind();

    /**
     * Upserts every record in one job and waits for it to finish; one result per record in the records' order.
     *
     * @throws AccessTokenRejectedException when the CRM refused the access token before the job was created
     * @throws CrmRateLimitedException      when the CRM's limit is spent
     * @throws CrmUnavailableException      when the CRM failed or the job did not finish in time; records the job
     *                                      may have written are written again by the next upsert, never duplicated
     */
    UpsertBatch upsertAll(CrmSession session, List<CrmRecord> records);
}
