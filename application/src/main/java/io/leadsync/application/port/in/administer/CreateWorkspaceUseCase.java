package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.Workspace;

/** Creates a customer workspace. */
public interface CreateWorkspaceUseCase {
    Workspace create(CreateWorkspaceCommand command);
}
