package io.leadsync.application.port.in.administer;

import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.capture.LoggedActivity;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;

/** A lead's activities, newest first, with what became of each in each target CRM. */
public interface ListActivitiesUseCase {
    /**
     * @throws LeadNotFoundException when the workspace has no such lead
     */
    List<LoggedActivity> list(WorkspaceId workspaceId, LeadId leadId);
}
