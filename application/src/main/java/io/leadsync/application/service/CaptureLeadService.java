package io.leadsync.application.service;

import io.leadsync.application.port.in.CaptureLeadCommand;
import io.leadsync.application.port.in.CaptureLeadUseCase;
import io.leadsync.application.port.in.LeadOutcome;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.sync.ChangeSource;

import java.time.Clock;

/** Creates a lead the first time its id is seen and updates it after that. */
public final class CaptureLeadService implements CaptureLeadUseCase {
    private final LeadWriter writer;

    public CaptureLeadService(LeadRepository leads, Outbox outbox, TransactionBoundary transactions, IdGenerator ids,
                              Clock clock) {
        this.writer = new LeadWriter(leads, outbox, transactions, ids, clock);
    }

    @Override
    public LeadOutcome capture(CaptureLeadCommand command) {
        return writer.write(command.workspaceId(), command.leadId(), new ChangeSource.App(command.actor()),
                (current, now) -> current
                        .map(lead -> new LeadOutcome(lead, false, lead.update(command.values(), now)))
                        .orElseGet(() -> {
                            Lead lead = Lead.create(command.workspaceId(), command.leadId(), command.values(), now);
                            return new LeadOutcome(lead, true, lead.asChangesFromNothing());
                        }));
    }
}
