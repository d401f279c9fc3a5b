package io.leadsync.application.port.in.connect;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.LocalDate;
import java.util.Objects;

/** How much of its daily allocation of CRM calls a connection has used today (UTC), for its status. */
public interface GetConnectionBudgetUseCase {
    ConnectionBudget budget(WorkspaceId workspaceId, ConnectionId connectionId);

    /** The connection's calls on {@code day}: used so far (the CRM's own figure included) and allowed. */
    record ConnectionBudget(ConnectionId connectionId, LocalDate day, long callsUsedToday, long dailyAllocation) {
        public ConnectionBudget {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(day, "day");
        }
    }
}
