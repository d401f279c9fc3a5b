package io.leadsync.application.port.in.capture;

import io.leadsync.application.port.in.LeadNotFoundException;

/**
 * An agent logs an activity on a lead; it is kept, and queued for each target CRM (delivered by the background push).
 */
public interface LogActivityUseCase {
    /**
     * @throws LeadNotFoundException                             when the workspace has no such lead
     * @throws io.leadsync.domain.lead.InvalidLeadException naming every bad member; nothing is kept
     */
    LoggedActivity log(LogActivityCommand command);
}
