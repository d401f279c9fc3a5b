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

    /**
     * {@link #findDuplicate} for many new leads at once (a batch capture): for each new lead that has one, the oldest
     * other lead in the window sharing a key, with the locks of every key taken in one order, so two batches capturing
     * overlapping people wait for each other instead of deadlocking. A store that can answers in one statement.
     */
    default Map<LeadId, LeadId> findDuplicates(WorkspaceId workspaceId, Map<LeadId, Map<LeadField, String>> keysByLead,
                                               Instant since) {
        Map<LeadId, LeadId> found = new java.util.LinkedHashMap<>();
        keysByLead.forEach((lead, keys) -> findDuplicate(workspaceId, lead, keys, since)
                .ifPresent(existing -> found.put(lead, existing)));
        return found;
    }
}
