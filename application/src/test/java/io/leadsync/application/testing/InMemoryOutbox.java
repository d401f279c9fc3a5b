package io.leadsync.application.testing;

import io.leadsync.application.port.out.Outbox;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.ArrayList;
import java.util.List;

/** The outbox as a list, oldest first. */
public final class InMemoryOutbox implements Outbox {
    private final List<LeadChanged> entries = new ArrayList<>();

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

    /** Everything appended, for tests. */
    public synchronized List<LeadChanged> all() {
        return List.copyOf(entries);
    }
}
