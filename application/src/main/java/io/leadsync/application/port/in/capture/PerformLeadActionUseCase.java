package io.leadsync.application.port.in.capture;

import io.leadsync.application.port.in.LeadNotFoundException;

/**
 * An agent upserts a lead or changes its status, and LeadSync sends the change to the CRMs chosen for it: the
 * request's own targets, else the workspace's rule for the action, else the agent's default, else the workspace's
 * default CRM, else every connected CRM.
 */
public interface PerformLeadActionUseCase {
    /**
     * @throws InvalidTargetsException      a target is unknown, disconnected or takes no pushes; nothing was written
     * @throws LeadNotFoundException        a patch or status change of a lead the workspace does not have
     * @throws io.leadsync.domain.lead.InvalidLeadException bad values; nothing was written
     */
    LeadActionResult perform(LeadActionCommand command);
}
