package io.leadsync.application.service;

import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Optional;

/**
 * One CRM record belongs to one lead per connection. When a write or a pull would link a record that another lead's
 * link already names (a rep merged two people into one record, a record adopted twice, links of an org the connection
 * no longer reaches), that one record fails with the reason, and the rest of its batch, pull or "sync now" goes on:
 * before this, the database's refusal rolled back the whole batch, which was sent again every lease, forever.
 */
final class LinkConflicts {
    /** The error code the ledger groups these failures under. */
    static final String CODE = "LINK_CONFLICT";

    private LinkConflicts() {
    }

    /** Why {@code leadId} may not be linked to {@code crmRecordId}; empty when it may. */
    static Optional<String> check(CrmLinkRepository links, WorkspaceId workspace, ConnectionId connection,
                                  LeadId leadId, String crmRecordId) {
        return links.findByCrmRecordId(workspace, connection, crmRecordId)
                .filter(other -> !other.leadId().equals(leadId))
                .map(other -> reason(other.leadId(), leadId, crmRecordId));
    }

    /** Why {@code leadId} was not linked to a record {@code other}'s link names. */
    static String reason(LeadId other, LeadId leadId, String crmRecordId) {
        return CODE + ": the CRM record " + crmRecordId + " is already linked to lead " + other.value() + ", so lead "
                + leadId.value() + " was not linked to it; if they are one person, merge the leads, else give this "
                + "lead its own record";
    }

    /** Thrown inside a transaction so that nothing of the refused record is written. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }
}
