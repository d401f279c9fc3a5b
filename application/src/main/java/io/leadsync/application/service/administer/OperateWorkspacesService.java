package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.CreateOperatedWorkspaceCommand;
import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.administer.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.administer.InvalidMemberException;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.application.port.in.administer.IssuedApiKey;
import io.leadsync.application.port.in.administer.IssuedInvitation;
import io.leadsync.application.port.in.administer.OperateWorkspacesUseCase;
import io.leadsync.application.port.out.SessionStore;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.User;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The operator's workspaces (ADR 0047): everything is checked before anything is written, then the workspace, its
 * owner's invitation and its keys are made through the same use cases an owner's actions use.
 */
public final class OperateWorkspacesService implements OperateWorkspacesUseCase {
    private final CreateWorkspaceUseCase create;
    private final IssueApiKeyUseCase keys;
    private final InvitationService invitations;
    private final WorkspaceRepository workspaces;
    private final SessionStore sessions;
    private final Clock clock;

    public OperateWorkspacesService(CreateWorkspaceUseCase create, IssueApiKeyUseCase keys,
                                    InvitationService invitations, WorkspaceRepository workspaces,
                                    SessionStore sessions, Clock clock) {
        this.create = create;
        this.keys = keys;
        this.invitations = invitations;
        this.workspaces = workspaces;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public CreatedWorkspace create(CreateOperatedWorkspaceCommand command) {
        String productName = command.productName() == null || command.productName().isBlank() ? command.name()
                : command.productName();
        try {
            new Workspace(new WorkspaceId(new java.util.UUID(0, 1)), command.name(), productName, clock.instant());
        } catch (IllegalArgumentException e) {
            throw new InvalidMemberException(e.getMessage().contains("productName") ? "productName" : "name",
                    e.getMessage());
        }
        String email;
        try {
            email = User.normaliseEmail(command.ownerEmail());
        } catch (IllegalArgumentException e) {
            throw new InvalidMemberException("ownerEmail", e.getMessage());
        }
        Workspace workspace = create.create(new CreateWorkspaceCommand(command.name(), productName));
        IssuedInvitation owner = invitations.issue(workspace.id(), email, Role.OWNER, command.operator());
        // One key of each scope (ADR 0048): the agents' key for the agent API and MCP, an admin key for the host
        // product's own scripts.
        List<IssuedApiKey> issued = List.of(
                keys.issue(new IssueApiKeyCommand(workspace.id(), "agent key", ApiKeyScope.AGENT)),
                keys.issue(new IssueApiKeyCommand(workspace.id(), "admin key", ApiKeyScope.ADMIN)));
        return new CreatedWorkspace(workspace, owner.invitation().orElseThrow(), owner.token(), issued);
    }

    @Override
    public List<Workspace> list() {
        return workspaces.all();
    }

    @Override
    public Optional<Workspace> suspend(WorkspaceId workspaceId) {
        Optional<Workspace> found = workspaces.find(workspaceId);
        found.filter(workspace -> !workspace.suspended()).ifPresent(workspace -> {
            workspaces.suspend(workspaceId, clock.instant());
            sessions.deleteAllIn(workspaceId);
        });
        return workspaces.find(workspaceId);
    }
}
