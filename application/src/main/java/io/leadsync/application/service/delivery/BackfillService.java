package io.leadsync.application.service.delivery;

import io.leadsync.application.port.in.delivery.BackfillCommand;
import io.leadsync.application.port.in.delivery.BackfillUseCase;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Queues every lead of the workspace for one connection, due now, rather than writing them itself: the background
 * push already batches, leases, retries and records failures in the error ledger, and a backfill of many thousand
 * leads must not hold an HTTP request open. Leads are walked in lead-id order a page at a time, each page in its own
 * short transaction, so leads arriving during the walk are neither skipped (they are queued by their own change)
 * nor double-sent (the queue has one entry per lead and connection).
 */
public final class BackfillService implements BackfillUseCase {
    public static final int PAGE = 500;

    private final CrmConnectionRepository connections;
    private final LeadRepository leads;
    private final DeliveryQueue deliveries;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public BackfillService(CrmConnectionRepository connections, LeadRepository leads, DeliveryQueue deliveries,
                           AuditLog audit, TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        this.connections = connections;
        this.leads = leads;
        this.deliveries = deliveries;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public int backfill(BackfillCommand command) {
        CrmConnection connection = connections.find(command.workspaceId(), command.connectionId())
                .orElseThrow(() -> new ConnectionNotFoundException(command.connectionId().toString()));
        if (connection.state() == ConnectionState.DISCONNECTED) {
            throw new ConnectionNotSyncingException("The connection is disconnected; nothing would ever send the leads.");
        }
        if (!connection.settings().direction().allowsPush()) {
            throw new ConnectionNotSyncingException("The connection only pulls (direction "
                    + connection.settings().direction() + "); set it to PUSH or BIDIRECTIONAL to backfill the CRM.");
        }
        Instant now = clock.instant();
        int queued = 0;
        Optional<LeadId> after = Optional.empty();
        while (true) {
            Optional<LeadId> from = after;
            List<Lead> page = transactions.inTransaction(() -> {
                List<Lead> found = leads.listAfter(command.workspaceId(), from, PAGE);
                found.forEach(lead -> deliveries.enqueue(command.workspaceId(), connection.id(), lead.id(),
                        lead.version(), now, DeliveryQueue.Cause.BACKFILL));
                return found;
            });
            queued += page.size();
            if (page.size() < PAGE) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
        String fields = command.fields().isEmpty() ? "every mapped field" : command.fields().stream().sorted()
                .map(LeadField::apiName).collect(Collectors.joining(", "));
        int total = queued;
        transactions.inTransaction(() -> {
            audit.record(new AuditEntry(ids.newId(), command.workspaceId(), now, command.actor(),
                    "connection.backfill-queued", Optional.empty(), Optional.of(connection.id().value()),
                    total + " lead(s) queued to refresh " + fields
                            + (connection.syncs() ? "" : "; they go once the connection is " + ConnectionState.CONNECTED)));
            return null;
        });
        return queued;
    }
}
