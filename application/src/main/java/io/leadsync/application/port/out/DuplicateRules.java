package io.leadsync.application.port.out;

import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Each workspace's duplicate rule, and the look-up that applies it. */
public interface DuplicateRules {
    /** {@link DuplicateRule#OFF} until an admin sets one. */
    DuplicateRule find(WorkspaceId workspaceId);

    void replace(WorkspaceId workspaceId, DuplicateRule rule);

    /**
     * The oldest other lead created since {@code since} whose value of any field in {@code keys} equals the given
     * (lower-cased) value, ignoring case. Called in the capture's transaction, it holds a lock per key until that
     * transaction ends, so two captures of the same person at once cannot both pass.
     */
    Optional<LeadId> findDuplicate(WorkspaceId workspaceId, LeadId newLead, Map<LeadField, String> keys, Instant since);
}
