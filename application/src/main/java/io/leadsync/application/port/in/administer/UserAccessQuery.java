package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;

/** Who is asking, and in which workspace they want to act (empty: their first). */
public record UserAccessQuery(UserId userId, Optional<WorkspaceId> workspaceId) {
    public UserAccessQuery {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(workspaceId, "workspaceId");
    }
}
