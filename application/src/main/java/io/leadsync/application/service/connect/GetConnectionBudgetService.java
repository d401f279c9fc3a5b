package io.leadsync.application.service.connect;

import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.port.in.connect.GetConnectionBudgetUseCase;
import io.leadsync.application.port.out.ApiBudget;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Instant;

/** Reads a connection's budget for today; a connection that made no call today has used none. */
public final class GetConnectionBudgetService implements GetConnectionBudgetUseCase {
    private final CallBudget budget;
    private final Clock clock;

    public GetConnectionBudgetService(CallBudget budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    @Override
    public ConnectionBudget budget(WorkspaceId workspaceId, ConnectionId connectionId) {
        Instant now = clock.instant();
        long used = budget.budget().flatMap(shared -> shared.today(workspaceId, connectionId, now))
                .map(ApiBudget.Day::used).orElse(0L);
        return new ConnectionBudget(connectionId, ApiBudget.dayOf(now), used, budget.allocation());
    }
}
