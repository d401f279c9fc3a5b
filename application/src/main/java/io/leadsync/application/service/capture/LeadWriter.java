package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.LeadOutcome;
import io.leadsync.application.port.out.ConcurrentLeadChangeException;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadAlreadyExistsException;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The one way leads are written: read, let the lead decide, store it and its outbox entry in one transaction. Two
 * writers racing on one lead are resolved by reading again and re-applying (the store refuses stale versions), so
 * neither change is lost and no lead is created twice.
 */
final class LeadWriter {
    /** Decides what to do with the current lead, if any; returns the lead to store and its changes. */
    interface Decision {
        LeadOutcome decide(Optional<Lead> current, Instant now);
    }

    /** Runs in the write's transaction once the lead is stored (or found unchanged), to record what goes with it. */
    interface AfterWrite {
        void run(LeadOutcome outcome, Instant now);
    }

    private static final int ATTEMPTS = 5;

    private final LeadRepository leads;
    private final Outbox outbox;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;

    LeadWriter(LeadRepository leads, Outbox outbox, TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        this.leads = leads;
        this.outbox = outbox;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    LeadOutcome write(WorkspaceId workspaceId, LeadId leadId, ChangeSource source, Decision decision) {
        return write(workspaceId, leadId, source, Optional.empty(), decision, (outcome, now) -> { });
    }

    /** As {@link #write(WorkspaceId, LeadId, ChangeSource, Decision)}, the change going only to {@code targets}. */
    LeadOutcome write(WorkspaceId workspaceId, LeadId leadId, ChangeSource source,
                      Optional<Set<ConnectionId>> targets, Decision decision, AfterWrite after) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inTransaction(() -> writeOnce(workspaceId, leadId, source, targets, decision,
                        after));
            } catch (LeadAlreadyExistsException | ConcurrentLeadChangeException race) {
                if (attempt == ATTEMPTS) {
                    throw race;
                }
            }
        }
    }

    /** What the decision would make of the lead now, stored nowhere: for dry runs. */
    LeadOutcome preview(WorkspaceId workspaceId, LeadId leadId, Decision decision) {
        return decision.decide(leads.find(workspaceId, leadId), clock.instant());
    }

    private LeadOutcome writeOnce(WorkspaceId workspaceId, LeadId leadId, ChangeSource source,
                                  Optional<Set<ConnectionId>> targets, Decision decision, AfterWrite after) {
        Instant now = clock.instant();
        LeadOutcome outcome = decision.decide(leads.findForChange(workspaceId, leadId), now);
        if (!outcome.changed()) {
            after.run(outcome, now);
            return outcome;
        }
        if (outcome.created()) {
            leads.insert(outcome.lead());
        } else {
            leads.update(outcome.lead());
        }
        outbox.append(new LeadChanged(ids.newId(), outcome.lead().workspaceId(), outcome.lead().id(),
                outcome.lead().version(), outcome.created(), outcome.changes(), source, now, targets));
        after.run(outcome, now);
        return outcome;
    }
}
