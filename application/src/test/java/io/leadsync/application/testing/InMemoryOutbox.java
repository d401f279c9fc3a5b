package io.leadsync.application.testing;

import io.leadsync.application.port.out.Outbox;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The outbox as a list, oldest first. */
public final class InMemoryOutbox implements Outbox {
    private final List<LeadChanged> entries = new ArrayList<>();
    private final Set<UUID> routed = new HashSet<>();

    @Override
    public synchronized void append(LeadChanged change) {
        entries.add(change);
    }

    @Override
    public synchronized List<LeadChanged> forLead(WorkspaceId workspaceId, LeadId leadId) {
        return entries.stream()
                .filter(e -> e.workspaceId().equals(workspaceId) && e.leadId().equals(leadId))
                .toList();
    }

    /** No concurrent transactions in memory: the oldest unrouted entries. */
    @Override
    public synchronized List<LeadChanged> claimUnrouted(int limit) {
        return entries.stream().filter(e -> !routed.contains(e.id())).limit(limit).toList();
    }

    @Override
    public synchronized void markRouted(List<UUID> changeIds, Instant at) {
        routed.addAll(changeIds);
    }

    /** Everything appended, for tests. */
    public synchronized List<LeadChanged> all() {
        return List.copyOf(entries);
    }
}
