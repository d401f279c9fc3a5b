package io.leadsync.application.service.delivery;

import io.leadsync.application.port.out.CrmBulkLeadWriter;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.application.service.crmcall.CallOutcome;
import io.leadsync.application.service.crmcall.ConnectionCalls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a batch of records reaches a CRM: the CRM's batch upsert (Salesforce sObject Collections, HubSpot batch upsert)
 * or, for a large backlog, one Bulk API 2.0 job (ADR 0017). Either answers one result per record, in order.
 */
interface CrmWrite {
    /** How many queue entries one batch claims. */
    int batchSize();

    /** How long the claim holds: a bulk job is waited for, so its records stay leased that long and a little more. */
    Duration lease();

    /** Whether this is a bulk job, for the run's audit. */
    boolean bulk();

    /** Sends the records through {@code calls}. */
    CallOutcome<List<UpsertResult>> send(ConnectionCalls calls, List<CrmRecord> records);

    /** The CRM's batch upsert: a claim of the writer's claim limit, sent in batches of its batch limit. */
    static CrmWrite batches(CrmLeadWriter writer, Duration lease) {
        return new CrmWrite() {
            @Override
            public int batchSize() {
                return writer.claimLimit();
            }

            @Override
            public Duration lease() {
                return lease;
            }

            @Override
            public boolean bulk() {
                return false;
            }

            @Override
            public CallOutcome<List<UpsertResult>> send(ConnectionCalls calls, List<CrmRecord> records) {
                return CallOutcome.of(() -> calls.upsertBatches(writer, records).results());
            }
        };
    }

    /**
     * A bulk job of up to {@code chunk} records, except records written by their CRM id (a rep's record linked by a
     * pull), which an upsert by lead id would not find: those go in the writer's batches. Should a later call fail,
     * the whole batch is retried: what the job wrote is written again, never duplicated.
     */
    static CrmWrite bulk(CrmBulkLeadWriter bulk, CrmLeadWriter writer, int chunk, Duration lease) {
        return new CrmWrite() {
            @Override
            public int batchSize() {
                return chunk;
            }

            @Override
            public Duration lease() {
                return lease;
            }

            @Override
            public boolean bulk() {
                return true;
            }

            @Override
            public CallOutcome<List<UpsertResult>> send(ConnectionCalls calls, List<CrmRecord> records) {
                return CallOutcome.of(() -> sendInBulk(calls, records));
            }

            private List<UpsertResult> sendInBulk(ConnectionCalls calls, List<CrmRecord> records) {
                UpsertResult[] results = new UpsertResult[records.size()];
                List<Integer> byLeadId = new ArrayList<>();
                List<Integer> byRecordId = new ArrayList<>();
                for (int i = 0; i < records.size(); i++) {
                    (records.get(i).knownRecordId().isPresent() ? byRecordId : byLeadId).add(i);
                }
                if (!byLeadId.isEmpty()) {
                    List<CrmRecord> job = byLeadId.stream().map(records::get).toList();
                    List<UpsertResult> written = calls.read(session -> bulk.upsertAll(session, job),
                            UpsertBatch::calls).results();
                    for (int i = 0; i < byLeadId.size(); i++) {
                        results[byLeadId.get(i)] = written.get(i);
                    }
                }
                for (int from = 0; from < byRecordId.size(); from += writer.batchLimit()) {
                    List<Integer> part = byRecordId.subList(from, Math.min(byRecordId.size(),
                            from + writer.batchLimit()));
                    List<UpsertResult> written = calls.upsert(writer, part.stream().map(records::get).toList())
                            .results();
                    for (int i = 0; i < part.size(); i++) {
                        results[part.get(i)] = written.get(i);
                    }
                }
                return List.of(results);
            }
        };
    }
}
