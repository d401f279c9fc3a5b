package io.leadsync.adapters.out.metrics;

import io.leadsync.application.port.out.CrmActivityWriter;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmBulkLeadWriter;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.LoginHost;
import io.leadsync.domain.lead.Activity;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CRM ports, each call counted by {@link CrmCallMeter} and passed on unchanged. Every overload is delegated,
 * defaults included: a port's default method drops what the adapter overrides it for (the Salesforce login host, the
 * HubSpot deletion scan's resume position), so inheriting one here would quietly change behaviour.
 */
final class MeteredCrmPorts {
    private MeteredCrmPorts() {
    }

    record LeadWriter(CrmLeadWriter delegate, CrmCallMeter meter) implements CrmLeadWriter {
        @Override
        public CrmKind kind() {
            return delegate.kind();
        }

        @Override
        public int batchLimit() {
            return delegate.batchLimit();
        }

        @Override
        public UpsertBatch upsert(CrmSession session, List<CrmRecord> records) {
            return meter.call(kind(), "upsert", () -> delegate.upsert(session, records), UpsertBatch::calls);
        }

        @Override
        public int claimLimit() {
            return delegate.claimLimit();
        }

        @Override
        public UpsertBatch upsertBatches(CrmSession session, List<CrmRecord> records) {
            return meter.call(kind(), "upsert", () -> delegate.upsertBatches(session, records), UpsertBatch::calls);
        }

        @Override
        public Map<String, Object> preview(List<FieldMapping> mappings, CrmRecord record) {
            return delegate.preview(mappings, record);
        }
    }

    record BulkWriter(CrmBulkLeadWriter delegate, CrmCallMeter meter) implements CrmBulkLeadWriter {
        @Override
        public CrmKind kind() {
            return delegate.kind();
        }

        @Override
        public UpsertBatch upsertAll(CrmSession session, List<CrmRecord> records) {
            return meter.call(kind(), "bulk", () -> delegate.upsertAll(session, records), UpsertBatch::calls);
        }
    }

    record ChangeReader(CrmChangeReader delegate, CrmCallMeter meter) implements CrmChangeReader {
        @Override
        public CrmKind kind() {
            return delegate.kind();
        }

        @Override
        public ChangePage changes(CrmSession session, ChangeWindow window, Optional<String> cursor) {
            return meter.call(kind(), "query", () -> delegate.changes(session, window, cursor), ChangePage::calls);
        }

        @Override
        public DeletionPage deletions(CrmSession session, Instant since, Instant until) {
            return meter.call(kind(), "deletions", () -> delegate.deletions(session, since, until),
                    DeletionPage::calls);
        }

        @Override
        public DeletionPage deletions(CrmSession session, Instant since, Instant until, Optional<String> resume) {
            return meter.call(kind(), "deletions", () -> delegate.deletions(session, since, until, resume),
                    DeletionPage::calls);
        }
    }

    record Authorization(CrmAuthorization delegate, CrmCallMeter meter) implements CrmAuthorization {
        @Override
        public CrmKind kind() {
            return delegate.kind();
        }

        @Override
        public URI authorizeUrl(String state, String codeChallenge) {
            return delegate.authorizeUrl(state, codeChallenge);
        }

        @Override
        public URI authorizeUrl(String state, String codeChallenge, Optional<LoginHost> loginHost) {
            return delegate.authorizeUrl(state, codeChallenge, loginHost);
        }

        @Override
        public Authorized exchange(String code, String codeVerifier, Optional<LoginHost> loginHost) {
            return meter.call(kind(), "token_exchange", () -> delegate.exchange(code, codeVerifier, loginHost),
                    found -> 1);
        }

        @Override
        public Authorized exchange(String code, String codeVerifier) {
            return meter.call(kind(), "token_exchange", () -> delegate.exchange(code, codeVerifier), found -> 1);
        }

        @Override
        public CrmTokens refresh(CrmTokens tokens) {
            return meter.call(kind(), "token_refresh", () -> delegate.refresh(tokens), found -> 1);
        }

        @Override
        public void revoke(CrmTokens tokens) {
            meter.call(kind(), "token_revoke", () -> {
                delegate.revoke(tokens);
                return Boolean.TRUE;
            }, done -> 1);
        }
    }

    record ActivityWriter(CrmActivityWriter delegate, CrmCallMeter meter) implements CrmActivityWriter {
        @Override
        public CrmKind kind() {
            return delegate.kind();
        }

        @Override
        public String write(CrmSession session, Activity activity, String leadRecordId) {
            return meter.call(kind(), "activity", () -> delegate.write(session, activity, leadRecordId), id -> 1);
        }
    }
}
