package io.leadsync.application.service;

import io.leadsync.application.port.in.ChangeLeadStatusCommand;
import io.leadsync.application.port.in.ChangeLeadStatusUseCase;
import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.LeadOutcome;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.sync.ChangeSource;

import java.time.Clock;

/** Moves an existing lead to another status. */
public final class ChangeLeadStatusService implements ChangeLeadStatusUseCase {
    private final LeadWriter writer;

    public ChangeLeadStatusService(LeadRepository leads, Outbox outbox, TransactionBoundary transactions,
                                   IdGenerator ids, Clock clock) {
        this.writer = new LeadWriter(leads, outbox, transactions, ids, clock);
    }

    @Override
    public LeadOutcome changeStatus(ChangeLeadStatusCommand command) {
        return writer.write(command.workspaceId(), command.leadId(), new ChangeSource.App(command.actor()),
                (current, now) -> current
                        .map(lead -> new LeadOutcome(lead, false, lead.changeStatus(command.status(), now)))
                        .orElseThrow(() -> new LeadNotFoundException(command.leadId())));
    }
}
