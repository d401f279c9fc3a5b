package io.leadsync.application.port.in.capture;

import io.leadsync.domain.lead.AgentId;
import io.leadsync.domain.lead.LeadStatus;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of the workspace's leads, newest change first, optionally only those in a status, of an agent, or changed
 * since an instant. Pages count from 0; a page holds 1 to {@link #MAX_PAGE_SIZE} leads.
 */
public record ListLeadsQuery(WorkspaceId workspaceId, Optional<LeadStatus> status, Optional<AgentId> agentId,
                             Optional<Instant> updatedSince, int page, int size) {
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;

    public ListLeadsQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(updatedSince, "updatedSince");
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be from 1 to " + MAX_PAGE_SIZE);
        }
    }
}
