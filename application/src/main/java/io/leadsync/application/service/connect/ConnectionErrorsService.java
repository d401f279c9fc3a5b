package io.leadsync.application.service.connect;

import io.leadsync.domain.crm.CrmErrorCode;

import io.leadsync.application.port.in.connect.ConnectionErrorsUseCase;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.connect.ErrorGroup;
import io.leadsync.application.port.in.delivery.ResyncCommand;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.DeliveryQueue.Delivery;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The error ledger over the delivery queue's failed and skipped entries. Resyncing enqueues them again at their own
 * version, due now: the queue revives a failed or skipped entry with fresh attempts, and should the lead have changed
 * meanwhile, the higher version wins, so a resync never sends older values than the lead has.
 */
public final class ConnectionErrorsService implements ConnectionErrorsUseCase {
    private final CrmConnectionRepository connections;
    private final DeliveryQueue deliveries;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public ConnectionErrorsService(CrmConnectionRepository connections, DeliveryQueue deliveries, AuditLog audit,
                                   TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        this.connections = connections;
        this.deliveries = deliveries;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public List<ErrorGroup> errors(WorkspaceId workspaceId, ConnectionId connectionId) {
        requireConnection(workspaceId, connectionId);
        Map<String, List<Delivery>> groups = new LinkedHashMap<>();
        deliveries.problems(workspaceId, connectionId).stream()
                .sorted(Comparator.comparing((Delivery delivery) -> delivery.leadId().value()))
                .forEach(delivery -> groups.computeIfAbsent(delivery.state() + " " + errorType(delivery),
                        key -> new ArrayList<>()).add(delivery));
        return groups.values().stream().map(members -> {
            Delivery sample = members.get(0);
            return new ErrorGroup(errorType(sample), sample.state().name(), members.size(),
                    sample.lastError().orElse(""), members.stream().map(delivery -> delivery.leadId().value()).toList());
        }).sorted(Comparator.comparingInt(ErrorGroup::count).reversed().thenComparing(ErrorGroup::errorType)).toList();
    }

    @Override
    public int resync(ResyncCommand command) {
        requireConnection(command.workspaceId(), command.connectionId());
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            List<Delivery> chosen = deliveries.problems(command.workspaceId(), command.connectionId()).stream()
                    .filter(delivery -> command.leadIds().map(wanted -> wanted.contains(delivery.leadId())).orElse(true))
                    .filter(delivery -> command.errorType().map(type -> type.equals(errorType(delivery))).orElse(true))
                    .toList();
            chosen.forEach(delivery -> deliveries.enqueue(delivery.workspaceId(), delivery.connectionId(),
                    delivery.leadId(), delivery.version(), now, DeliveryQueue.Cause.RESYNC));
            String which = command.leadIds().map(leadIds -> leadIds.size() + " chosen lead(s)")
                    .or(() -> command.errorType().map(type -> "error type " + type)).orElse("every error");
            audit.record(new AuditEntry(ids.newId(), command.workspaceId(), now, command.actor(),
                    "connection.errors-resynced", Optional.empty(), Optional.of(command.connectionId().value()),
                    chosen.size() + " delivery(ies) pending again, from " + which));
            return chosen.size();
        });
    }

    /** The CRM's own error code, wherever it sits in the reason kept ({@link CrmErrorCode}). */
    static String errorType(Delivery delivery) {
        return CrmErrorCode.of(delivery.lastError().orElse("UNKNOWN")).value();
    }

    private void requireConnection(WorkspaceId workspaceId, ConnectionId connectionId) {
        if (connections.find(workspaceId, connectionId).isEmpty()) {
            throw new ConnectionNotFoundException(connectionId.toString());
        }
    }
}
