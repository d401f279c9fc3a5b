package io.leadsync.application.port.in.connect;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.delivery.ResyncCommand;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;

/** The error ledger of a connection: what it could not deliver, grouped by reason, and trying it again. */
public interface ConnectionErrorsUseCase {
    /**
     * Failed and skipped deliveries grouped by error type, the largest group first.
     *
     * @throws ConnectionNotFoundException when the workspace has no such connection
     */
    List<ErrorGroup> errors(WorkspaceId workspaceId, ConnectionId connectionId);

    /**
     * The chosen failed and skipped deliveries are pending again, due now, with fresh attempts.
     *
     * @return how many deliveries are pending again
     * @throws ConnectionNotFoundException when the workspace has no such connection
     */
    int resync(ResyncCommand command);
}
