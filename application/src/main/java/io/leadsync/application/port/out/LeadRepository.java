package io.leadsync.application.port.out;

import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Optional;

/** The workspace's leads. Every method is scoped by workspace: one workspace never sees another's leads. */
public interface LeadRepository {
    Optional<Lead> find(WorkspaceId workspaceId, LeadId leadId);

    /**
     * Reads a lead in order to change it within the current transaction: other writers of the same lead wait until
     * this transaction ends, so concurrent changes to one lead apply one after another instead of failing.
     */
    Optional<Lead> findForChange(WorkspaceId workspaceId, LeadId leadId);

    /**
     * Stores a new lead.
     *
     * @throws LeadAlreadyExistsException when the workspace already has a lead with this id
     */
    void insert(Lead lead);

    /**
     * Stores a changed lead, only if nobody else changed it since it was read (its version is one past the stored one).
     *
     * @throws ConcurrentLeadChangeException otherwise
     */
    void update(Lead lead);

    LeadSlice list(LeadCriteria criteria);
}
