package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.ForgetOldAuditUseCase;
import io.leadsync.application.port.in.administer.ReadAuditUseCase;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.AuditQuery;
import io.leadsync.application.port.out.TransactionBoundary;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Reading the audit (always within one workspace: the query carries it) and forgetting what is past retention. */
public final class AuditService implements ReadAuditUseCase, ForgetOldAuditUseCase {
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final Clock clock;

    public AuditService(AuditLog audit, TransactionBoundary transactions, Clock clock) {
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<Entry> read(Query query) {
        return audit.find(new AuditQuery(query.workspaceId(), query.connectionId(), query.leadId(), query.since(),
                        query.until(), query.actionPrefix(), query.limit())).stream()
                .map(entry -> new Entry(entry.occurredAt(), entry.actor(), entry.action(), entry.leadId(),
                        entry.connectionId(), entry.detail(), entry.event())).toList();
    }

    @Override
    public int forgetOlderThan(Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the audit retention must be positive");
        }
        return transactions.inTransaction(() -> audit.deleteOlderThan(clock.instant().minus(retention)));
    }
}
