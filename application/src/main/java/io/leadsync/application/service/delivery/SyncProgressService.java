package io.leadsync.application.service.delivery;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.delivery.GetSyncProgressUseCase;
import io.leadsync.application.port.in.delivery.SyncProgress;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.LeadCriteria;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.domain.health.QueueTally;

import java.time.Clock;
import java.util.Optional;

/**
 * A connection's progress, read from the shared delivery queue: "sync now" puts every lead of the workspace in it, so
 * what is no longer waiting, failed or skipped there has been delivered. Any node answers the same counts.
 */
public final class SyncProgressService implements GetSyncProgressUseCase {
    private final CrmConnectionRepository connections;
    private final LeadRepository leads;
    private final DeliveryQueue deliveries;
    private final SyncNowRuns runs;
    private final Clock clock;

    public SyncProgressService(CrmConnectionRepository connections, LeadRepository leads, DeliveryQueue deliveries,
                               SyncNowRuns runs, Clock clock) {
        this.connections = connections;
        this.leads = leads;
        this.deliveries = deliveries;
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    public SyncProgress progress(SyncProgressQuery query) {
        connections.find(query.workspaceId(), query.connectionId())
                .orElseThrow(() -> new ConnectionNotFoundException(query.connectionId().toString()));
        long total = leads.list(new LeadCriteria(query.workspaceId(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 1)).total();
        QueueTally tally = deliveries.tally(query.workspaceId(), query.connectionId(), clock.instant());
        long delivered = Math.max(0, total - tally.waiting() - tally.failed() - tally.skipped());
        Optional<SyncNowRuns.Run> run = runs.latest(query.workspaceId(), query.connectionId());
        return new SyncProgress(query.connectionId(), total, delivered, tally.skipped(), tally.failed(),
                tally.waiting(), run.map(SyncNowRuns.Run::started), run.flatMap(SyncNowRuns.Run::finished),
                run.map(SyncNowRuns.Run::crmCalls).orElse(0));
    }
}
