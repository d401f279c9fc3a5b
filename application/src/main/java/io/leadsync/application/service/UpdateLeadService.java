package io.leadsync.application.service;

import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.LeadOutcome;
import io.leadsync.application.port.in.UpdateLeadCommand;
import io.leadsync.application.port.in.UpdateLeadUseCase;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.sync.ChangeSource;

import java.time.Clock;

/** Changes fields of an existing lead. */
public final class UpdateLeadService implements UpdateLeadUseCase {
    private final LeadWriter writer;

    public UpdateLeadService(LeadRepository leads, Outbox outbox, TransactionBoundary transactions, IdGenerator ids,
                             Clock clock) {
        this.writer = new LeadWriter(leads, outbox, transactions, ids, clock);
    }

    @Override
    public LeadOutcome update(UpdateLeadCommand command) {
        return writer.write(command.workspaceId(), command.leadId(), new ChangeSource.App(command.actor()),
                (current, now) -> current
                        .map(lead -> new LeadOutcome(lead, false, lead.update(command.values(), now)))
                        .orElseThrow(() -> new LeadNotFoundException(command.leadId())));
    }
}
