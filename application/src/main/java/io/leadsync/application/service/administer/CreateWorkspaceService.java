package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.administer.CreateWorkspaceUseCase;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;

/** Creates a customer workspace. */
public final class CreateWorkspaceService implements CreateWorkspaceUseCase {
    private final WorkspaceRepository workspaces;
    private final IdGenerator ids;
    private final Clock clock;

    public CreateWorkspaceService(WorkspaceRepository workspaces, IdGenerator ids, Clock clock) {
        this.workspaces = workspaces;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Workspace create(CreateWorkspaceCommand command) {
        Workspace workspace = new Workspace(new WorkspaceId(ids.newId()), command.name(), command.productName(),
                clock.instant());
        workspaces.insert(workspace);
        return workspace;
    }
}
