package io.leadsync.application.service.configure;

import io.leadsync.application.port.in.configure.ChangeWorkspaceDefaultsCommand;
import io.leadsync.application.port.in.configure.ChangeWorkspaceDefaultsUseCase;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.Workspace;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Changes the product name of a workspace, audited, when the actor's role there allows it. */
public final class ChangeWorkspaceDefaultsService implements ChangeWorkspaceDefaultsUseCase {
    private final WorkspaceRepository workspaces;
    private final UserRepository users;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public ChangeWorkspaceDefaultsService(WorkspaceRepository workspaces, UserRepository users, AuditLog audit,
                                          TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        this.workspaces = workspaces;
        this.users = users;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public void change(ChangeWorkspaceDefaultsCommand command) {
        boolean mayChange = users.membershipsOf(command.actor()).stream().anyMatch(membership ->
                membership.workspaceId().equals(command.workspaceId()) && membership.role().mayChange());
        if (!mayChange) {
            throw new NotAllowedException("Only an owner or admin of the workspace may change its defaults.");
        }
        transactions.inTransaction(() -> {
            Workspace current = workspaces.find(command.workspaceId()).orElseThrow(() ->
                    new NotAllowedException("No such workspace."));
            Workspace changed;
            try {
                changed = new Workspace(current.id(), current.name(), command.productName(), current.createdAt());
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException("The workspace defaults were not changed.", List.of(
                        new InvalidSettingsException.Violation("productName", "must be 1 to "
                                + Workspace.MAX_NAME_LENGTH + " characters")));
            }
            if (!changed.equals(current)) {
                workspaces.update(changed);
                audit.record(new AuditEntry(ids.newId(), current.id(), clock.instant(),
                        "user:" + users.find(command.actor()).map(user -> user.email()).orElse("unknown"),
                        "workspace.defaults-changed", Optional.empty(), Optional.empty(),
                        "product name from '" + current.productName() + "' to '" + changed.productName() + "'"));
            }
            return null;
        });
    }
}
