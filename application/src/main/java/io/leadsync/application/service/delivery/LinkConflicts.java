package io.leadsync.application.service.delivery;

import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One CRM record belongs to one lead per connection. When a write or a pull would link a record that another lead's
 * link already names (a rep merged two people into one record, a record adopted twice, links of an org the connection
 * no longer reaches), that one record fails with the reason, and the rest of its batch, pull or "sync now" goes on:
 * before this, the database's refusal rolled back the whole batch, which was sent again every lease, forever.
 */
public final class LinkConflicts {
    /** The error code the ledger groups these failures under. */
    static final String CODE = io.leadsync.domain.crm.CrmLink.CONFLICT_CODE;

    private LinkConflicts() {
    }

    /** Why {@code leadId} may not be linked to {@code crmRecordId}; empty when it may. */
    public static Optional<String> check(CrmLinkRepository links, WorkspaceId workspace, ConnectionId connection,
                                  LeadId leadId, String crmRecordId) {
        return links.findByCrmRecordId(workspace, connection, crmRecordId)
                .filter(other -> !other.leadId().equals(leadId))
                .map(other -> reason(other.leadId(), leadId, crmRecordId));
    }

    /** The conflicts of a whole batch of written records, read in one statement. */
    public static Batch batch(CrmLinkRepository links, WorkspaceId workspace, ConnectionId connection,
                       List<String> crmRecordIds) {
        return new Batch(new HashMap<>(links.findByCrmRecordIds(workspace, connection, crmRecordIds)));
    }

    /**
     * {@link #check} for each record of a batch, against the links read before it and the records earlier ones of
     * the batch took (two leads written to one record in one batch: the second conflicts, as it would have one by one).
     */
    public static final class Batch {
        private final Map<String, LeadId> linkedTo = new HashMap<>();

        private Batch(Map<String, CrmLink> existing) {
            existing.forEach((record, link) -> linkedTo.put(record, link.leadId()));
        }

        public Optional<String> check(LeadId leadId, String crmRecordId) {
            LeadId other = linkedTo.putIfAbsent(crmRecordId, leadId);
            return other == null || other.equals(leadId) ? Optional.empty()
                    : Optional.of(reason(other, leadId, crmRecordId));
        }
    }

    /** Why {@code leadId} was not linked to a record {@code other}'s link names. */
    public static String reason(LeadId other, LeadId leadId, String crmRecordId) {
        return io.leadsync.domain.crm.CrmLink.conflictReason(other, leadId, crmRecordId);
    }

    /** Thrown inside a transaction so that nothing of the refused record is written. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }
}
