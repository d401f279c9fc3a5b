package io.leadsync.application.port.out;

import io.leadsync.domain.health.AlertSettings;
import io.leadsync.domain.workspace.WorkspaceId;

/** Each workspace's alert settings; the chat webhook's URL (it carries a token) is kept encrypted. */
public interface AlertSettingsStore {
    /** The workspace's settings, {@link AlertSettings#NONE} when never set. */
    AlertSettings find(WorkspaceId workspaceId);

    void save(WorkspaceId workspaceId, AlertSettings settings);
}
