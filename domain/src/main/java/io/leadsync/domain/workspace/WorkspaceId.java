package io.leadsync.domain.workspace;

import java.util.Objects;
import java.util.UUID;

/** Identifies one customer workspace (tenant). Everything else belongs to exactly one workspace. */
public record WorkspaceId(UUID value) {
    public WorkspaceId {
        Objects.requireNonNull(value, "workspace id");
    }

    public static WorkspaceId of(String text) {
        return new WorkspaceId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
