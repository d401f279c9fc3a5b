package io.leadsync.application.port.in.configure;

import io.leadsync.application.port.in.NotAllowedException;

/** Changes a workspace's defaults; owners and admins may, viewers may not. */
public interface ChangeWorkspaceDefaultsUseCase {
    /**
     * @throws NotAllowedException      when the actor is not an owner or admin of the workspace
     * @throws InvalidSettingsException naming {@code productName} when it is blank or too long; nothing changed
     */
    void change(ChangeWorkspaceDefaultsCommand command);
}
