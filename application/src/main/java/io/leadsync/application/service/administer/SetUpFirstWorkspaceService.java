package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.FirstWorkspaceKeys;
import io.leadsync.application.port.in.administer.SetUpFirstWorkspaceCommand;
import io.leadsync.application.port.in.administer.SetUpFirstWorkspaceUseCase;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.Workspace;

import java.util.Optional;

/** Gives an empty installation a workspace and its two keys (agent, admin), in one transaction so a crash leaves neither half. */
public final class SetUpFirstWorkspaceService implements SetUpFirstWorkspaceUseCase {
    private final WorkspaceRepository workspaces;
    private final CreateWorkspaceService createWorkspace;
    private final IssueApiKeyService issueKey;
    private final TransactionBoundary transactions;

    public SetUpFirstWorkspaceService(WorkspaceRepository workspaces, CreateWorkspaceService createWorkspace,
                                      IssueApiKeyService issueKey, TransactionBoundary transactions) {
        this.workspaces = workspaces;
        this.createWorkspace = createWorkspace;
        this.issueKey = issueKey;
        this.transactions = transactions;
    }

    @Override
    public Optional<FirstWorkspaceKeys> setUp(SetUpFirstWorkspaceCommand command) {
        return transactions.inTransaction(() -> {
            if (!workspaces.all().isEmpty()) {
                return Optional.empty();
            }
            Workspace workspace = createWorkspace.create(
                    new CreateWorkspaceCommand(command.workspaceName(), command.productName()));
            return Optional.of(new FirstWorkspaceKeys(
                    issueKey.issue(new IssueApiKeyCommand(workspace.id(), "first-start agent key", ApiKeyScope.AGENT)),
                    issueKey.issue(new IssueApiKeyCommand(workspace.id(), "first-start admin key", ApiKeyScope.ADMIN))));
        });
    }
}
