package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.connect.ConnectionHealthUseCase;
import io.leadsync.application.port.in.connect.GetConnectionBudgetUseCase;
import io.leadsync.application.port.in.administer.OverviewUseCase;
import io.leadsync.application.port.in.administer.RecordOverviewSamplesUseCase;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.OverviewStatistics;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.overview.OverviewRange;
import io.leadsync.domain.overview.Series;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** The Overview's figures, and the minute-by-minute samples of the levels it charts (ADR 0066). */
public final class OverviewService implements OverviewUseCase, RecordOverviewSamplesUseCase {
    /** Samples are kept a little longer than the longest range charted. */
    static final Duration SAMPLES_KEPT = Duration.ofDays(32);

    private final OverviewStatistics statistics;
    private final CrmConnectionRepository connections;
    private final ConnectionHealthUseCase health;
    private final GetConnectionBudgetUseCase budgets;
    private final Clock clock;

    public OverviewService(OverviewStatistics statistics, CrmConnectionRepository connections,
                           ConnectionHealthUseCase health, GetConnectionBudgetUseCase budgets, Clock clock) {
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.health = Objects.requireNonNull(health, "health");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Overview overview(WorkspaceId workspaceId, OverviewRange range) {
        Instant now = clock.instant();
        Instant from = range.from(now);
        int size = range.size();
        Series captured = new Series("captured", "Captured", size);
        Map<UUID, Series> delivered = new LinkedHashMap<>();
        Map<UUID, Series> failed = new LinkedHashMap<>();
        Map<UUID, Series> lag = new LinkedHashMap<>();
        Map<UUID, Series> calls = new LinkedHashMap<>();
        Map<UUID, String> names = names(workspaceId);
        Set<UUID> seen = new HashSet<>();
        for (OverviewStatistics.Count count : statistics.counts(workspaceId, from, range.unit())) {
            int bucket = range.indexOf(count.at(), now);
            switch (count.measure()) {
                case CAPTURED -> captured.add(bucket, count.count());
                case DELIVERED -> count.connectionId().ifPresent(id -> {
                    seen.add(id);
                    series(delivered, id, names, size).add(bucket, count.count());
                });
                case FAILED -> count.connectionId().ifPresent(id -> {
                    seen.add(id);
                    series(failed, id, names, size).add(bucket, count.count());
                });
            }
        }
        for (OverviewStatistics.Sample sample : statistics.samples(workspaceId, from)) {
            UUID id = sample.connectionId().value();
            int bucket = range.indexOf(sample.at(), now);
            series(lag, id, names, size).max(bucket, (sample.oldestWaitSeconds() + 59) / 60);
            if (range == OverviewRange.DAY) {
                series(calls, id, names, size).max(bucket, sample.callsUsedToday());
            }
        }
        if (range == OverviewRange.MONTH) {
            LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
            for (OverviewStatistics.DailyCalls day : statistics.dailyCalls(workspaceId, firstDay)) {
                int bucket = range.indexOf(day.day().atStartOfDay().toInstant(ZoneOffset.UTC), now);
                series(calls, day.connectionId().value(), names, size).max(bucket, day.used());
            }
        }
        // A connection that is connected now shows in every chart, with zeros where nothing happened.
        Set<UUID> active = active(workspaceId);
        for (UUID id : names.keySet()) {
            if (seen.contains(id) || active.contains(id)) {
                series(delivered, id, names, size);
                series(failed, id, names, size);
                series(lag, id, names, size);
                series(calls, id, names, size);
            }
        }
        return new Overview(range, range.buckets(now), captured, ordered(delivered, names), ordered(failed, names),
                ordered(lag, names), ordered(calls, names));
    }

    @Override
    public int sample() {
        Instant now = clock.instant();
        int sampled = 0;
        for (ConnectionHealthUseCase.Located located : health.everywhere()) {
            long oldestWait = located.report().queue().oldestDueAt()
                    .map(at -> Math.max(0, Duration.between(at, now).getSeconds())).orElse(0L);
            GetConnectionBudgetUseCase.ConnectionBudget budget = budgets.budget(located.workspaceId(),
                    located.connectionId());
            statistics.recordSample(new OverviewStatistics.Sample(located.workspaceId(), located.connectionId(), now,
                    oldestWait, located.report().queue().waiting(), budget.callsUsedToday(),
                    budget.dailyAllocation()));
            sampled++;
        }
        statistics.forgetSamplesBefore(now.minus(SAMPLES_KEPT));
        return sampled;
    }

    private Set<UUID> active(WorkspaceId workspaceId) {
        Set<UUID> active = new HashSet<>();
        for (CrmConnection connection : connections.list(workspaceId)) {
            if (connection.identity().isPresent() && connection.state() != ConnectionState.DISCONNECTED) {
                active.add(connection.id().value());
            }
        }
        return active;
    }

    /** "Salesforce · Acme Corp": the CRM, and which org or portal, for connections that were ever authorised. */
    private Map<UUID, String> names(WorkspaceId workspaceId) {
        Map<UUID, String> names = new LinkedHashMap<>();
        for (CrmConnection connection : connections.list(workspaceId)) {
            String crm = switch (connection.kind()) {
                case SALESFORCE -> "Salesforce";
                case HUBSPOT -> "HubSpot";
                case SALESFORCE_WEB_TO_LEAD -> "Web-to-Lead";
                case WEBHOOK -> "Webhook";
                case SALESFORCE_ENDPOINT -> "Salesforce endpoint";
            };
            String org = connection.identity().map(CrmIdentity::orgName).filter(name -> !name.isBlank())
                    .map(name -> " · " + name).orElse("");
            String gone = connection.state() == ConnectionState.DISCONNECTED ? " (disconnected)" : "";
            names.put(connection.id().value(), crm + org + gone);
        }
        return names;
    }

    private static Series series(Map<UUID, Series> all, UUID id, Map<UUID, String> names, int size) {
        return all.computeIfAbsent(id, key -> new Series(key.toString(),
                names.getOrDefault(key, "A removed connection"), size));
    }

    /** The workspace's own order of connections, so each CRM keeps its colour from chart to chart. */
    private static List<Series> ordered(Map<UUID, Series> all, Map<UUID, String> names) {
        List<Series> ordered = new ArrayList<>();
        for (UUID id : names.keySet()) {
            if (all.containsKey(id)) {
                ordered.add(all.get(id));
            }
        }
        all.forEach((id, series) -> {
            if (!names.containsKey(id)) {
                ordered.add(series);
            }
        });
        return ordered;
    }

}
