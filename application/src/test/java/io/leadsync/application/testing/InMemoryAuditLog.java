package io.leadsync.application.testing;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void record(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized List<AuditEntry> recent(WorkspaceId workspaceId, int limit) {
        return entries.stream().filter(e -> e.workspaceId().equals(workspaceId))
                .sorted(Comparator.comparing(AuditEntry::occurredAt).reversed())
                .limit(limit).toList();
    }

    @Override
    public synchronized List<AuditEntry> find(io.leadsync.application.port.out.AuditQuery query) {
        return entries.stream().filter(query::matches)
                .sorted(Comparator.comparing(AuditEntry::occurredAt).reversed().thenComparing(e -> e.id().toString(),
                        Comparator.reverseOrder()))
                .limit(query.limit()).toList();
    }

    @Override
    public synchronized int deleteOlderThan(java.time.Instant cutoff) {
        int before = entries.size();
        entries.removeIf(entry -> entry.occurredAt().isBefore(cutoff));
        return before - entries.size();
    }
}
