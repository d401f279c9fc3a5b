package io.leadsync.application.port.out;

import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;

/** The record of every operation, for admins to read and for support to reconstruct what happened. */
public interface AuditLog {
    void record(AuditEntry entry);

    /** Several entries at once (a CRM batch's records): one round trip where the store can. */
    default void recordAll(List<AuditEntry> entries) {
        entries.forEach(this::record);
    }

    /** The workspace's most recent entries, newest first. */
    List<AuditEntry> recent(WorkspaceId workspaceId, int limit);

    /** The entries the query selects, newest first. */
    List<AuditEntry> find(AuditQuery query);

    /** Forgets entries older than {@code cutoff} in every workspace (retention); answers how many went. */
    int deleteOlderThan(java.time.Instant cutoff);
}
