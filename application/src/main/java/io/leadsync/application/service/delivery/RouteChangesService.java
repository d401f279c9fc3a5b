package io.leadsync.application.service.delivery;

import io.leadsync.application.port.in.delivery.RouteChangesUseCase;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes outbox changes to deliveries in the transaction that claims them, so a change is routed exactly once even
 * if the node dies halfway. A REALTIME connection is due at once; the others at their next cycle boundary, so a
 * cycle's changes travel together in full batches.
 */
public final class RouteChangesService implements RouteChangesUseCase {
    private final Outbox outbox;
    private final DeliveryQueue deliveries;
    private final CrmConnectionRepository connections;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final Set<CrmKind> writable = EnumSet.noneOf(CrmKind.class);

    public RouteChangesService(Outbox outbox, DeliveryQueue deliveries, CrmConnectionRepository connections,
                               List<CrmLeadWriter> writers, TransactionBoundary transactions, Clock clock) {
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.connections = connections;
        this.transactions = transactions;
        this.clock = clock;
        writers.forEach(writer -> writable.add(writer.kind()));
    }

    /** Push-only kinds (webhooks, Web-to-Lead) are owed their leads too, though no CRM writer serves them. */
    public RouteChangesService alsoRoutingTo(Set<CrmKind> kinds) {
        writable.addAll(kinds);
        return this;
    }

    @Override
    public int route(int limit) {
        return transactions.inTransaction(() -> {
            List<LeadChanged> changes = outbox.claimUnrouted(limit);
            Instant now = clock.instant();
            Map<WorkspaceId, List<CrmConnection>> byWorkspace = new HashMap<>();
            // Gathered per connection and written in one round trip each (a JDBC batch), not one statement per
            // delivery: routing was the largest share of PostgreSQL's time under a capture load (docs/BENCHMARKS.md).
            Map<CrmConnection, Map<io.leadsync.domain.lead.LeadId, Long>> owed = new LinkedHashMap<>();
            for (LeadChanged change : changes) {
                for (CrmConnection connection : byWorkspace.computeIfAbsent(change.workspaceId(), connections::list)) {
                    if (owes(connection, change)) {
                        // Two changes of one lead: the higher version, as the queue itself keeps.
                        owed.computeIfAbsent(connection, c -> new LinkedHashMap<>())
                                .merge(change.leadId(), change.leadVersion(), Math::max);
                    }
                }
            }
            owed.forEach((connection, versions) -> deliveries.enqueueAll(connection.workspaceId(), connection.id(),
                    versions, dueAt(connection.settings().frequency(), now), DeliveryQueue.Cause.CHANGE));
            outbox.markRouted(changes.stream().map(LeadChanged::id).toList(), now);
            return changes.size();
        });
    }

    /**
     * Paused and not-yet-ready connections are owed their changes too (delivered once they sync); a disconnected one
     * is not, and a change never goes back to the CRM it came from, nor to a connection its agent action did not
     * choose (ADR 0020).
     */
    private boolean owes(CrmConnection connection, LeadChanged change) {
        return connection.state() != ConnectionState.DISCONNECTED && writable.contains(connection.kind())
                && connection.settings().direction().allowsPush() && change.goesTo(connection.id());
    }

    public static Instant dueAt(SyncFrequency frequency, Instant now) {
        return frequency.pushDueAt(now);
    }
}
