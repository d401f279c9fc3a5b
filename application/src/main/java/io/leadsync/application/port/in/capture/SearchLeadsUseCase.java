package io.leadsync.application.port.in.capture;

import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;

/** Finds a workspace's leads by part of their id, work email, name or company, for the admin's search box. */
public interface SearchLeadsUseCase {
    int MAX_RESULTS = 50;

    /** Up to {@link #MAX_RESULTS} leads, newest change first; none for blank text. */
    List<Lead> search(WorkspaceId workspaceId, String text);
}
