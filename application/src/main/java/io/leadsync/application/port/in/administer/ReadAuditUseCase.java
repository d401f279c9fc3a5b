package io.leadsync.application.port.in.administer;

import io.leadsync.domain.sync.SyncEvent;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** What happened in a workspace, as the admin filters it: runs, record operations, failures, settings changes. */
public interface ReadAuditUseCase {
    List<Entry> read(Query query);

    /** Newest first, within one workspace; {@code actionPrefix} selects an outcome or a family ({@code sync.}). */
    record Query(WorkspaceId workspaceId, Optional<UUID> connectionId, Optional<String> leadId,
                 Optional<Instant> since, Optional<Instant> until, Optional<String> actionPrefix, int limit) {
        public Query {
            Objects.requireNonNull(workspaceId, "workspaceId");
            if (limit < 1 || limit > 1_000) {
                throw new IllegalArgumentException("limit must be 1 to 1000");
            }
        }
    }

    /** One audited operation as the admin sees it: the typed event when there is one, else the prose detail. */
    record Entry(Instant occurredAt, String actor, String action, Optional<String> leadId,
                 Optional<UUID> connectionId, String detail, Optional<SyncEvent> event) {
        public Entry(Instant occurredAt, String actor, String action, Optional<String> leadId,
                     Optional<UUID> connectionId, String detail) {
            this(occurredAt, actor, action, leadId, connectionId, detail, Optional.empty());
        }
    }
}
