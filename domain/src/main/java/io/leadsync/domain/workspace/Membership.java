package io.leadsync.domain.workspace;

import java.util.Objects;

/** A user's place in one workspace: what {@link Role} they hold there. */
public record Membership(WorkspaceId workspaceId, UserId userId, Role role) {
    public Membership {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
