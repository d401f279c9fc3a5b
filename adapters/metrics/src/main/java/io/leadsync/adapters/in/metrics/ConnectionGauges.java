package io.leadsync.adapters.in.metrics;

import io.leadsync.application.port.in.connect.ConnectionHealthUseCase;
import io.leadsync.application.port.in.connect.GetConnectionBudgetUseCase;
import io.leadsync.domain.health.HealthState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-connection gauges, read from the database when {@code /metrics} is scraped (so every node reports the same,
 * whichever Prometheus reaches): queue depth, due leads and the age of the oldest, failed leads, pull lag, today's
 * CRM calls against the allowance, and the health state.
 */
@Singleton
final class ConnectionGauges {
    private final ConnectionHealthUseCase health;
    private final GetConnectionBudgetUseCase budgets;
    private final Clock clock;
    private final MultiGauge depth;
    private final MultiGauge due;
    private final MultiGauge oldestDue;
    private final MultiGauge failed;
    private final MultiGauge pullLag;
    private final MultiGauge budgetUsed;
    private final MultiGauge budgetAllowed;
    private final MultiGauge state;

    ConnectionGauges(ConnectionHealthUseCase health, GetConnectionBudgetUseCase budgets, Clock clock,
                     MeterRegistry registry) {
        this.health = health;
        this.budgets = budgets;
        this.clock = clock;
        this.depth = gauge(registry, "leadsync.connection.queue.depth", null,
                "Leads waiting to be sent to the connection");
        this.due = gauge(registry, "leadsync.connection.queue.due", null, "Waiting leads that are due now");
        this.oldestDue = gauge(registry, "leadsync.connection.queue.oldest.due.age", "seconds",
                "How long the oldest due lead has waited past its due time");
        this.failed = gauge(registry, "leadsync.connection.failed.leads", null,
                "Leads the connection's CRM refused for good (see Errors)");
        this.pullLag = gauge(registry, "leadsync.connection.pull.lag", "seconds",
                "Time since the connection's last pull that got through");
        this.budgetUsed = gauge(registry, "leadsync.connection.budget.used", "calls",
                "CRM calls used today (UTC), the CRM's own figure included");
        this.budgetAllowed = gauge(registry, "leadsync.connection.budget.allowed", "calls",
                "CRM calls allowed per day");
        this.state = gauge(registry, "leadsync.connection.health", null,
                "1 for the connection's health state (healthy, degraded, failing, needs_reauth)");
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String unit, String description) {
        MultiGauge.Builder builder = MultiGauge.builder(name).description(description);
        return (unit == null ? builder : builder.baseUnit(unit)).register(registry);
    }

    /** Reads every connection's figures now and replaces the gauges' rows (connections gone drop out). */
    void refresh() {
        Instant now = clock.instant();
        List<MultiGauge.Row<?>> depthRows = new ArrayList<>();
        List<MultiGauge.Row<?>> dueRows = new ArrayList<>();
        List<MultiGauge.Row<?>> oldestRows = new ArrayList<>();
        List<MultiGauge.Row<?>> failedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
        List<MultiGauge.Row<?>> usedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> allowedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> stateRows = new ArrayList<>();
        for (ConnectionHealthUseCase.Located located : health.everywhere()) {
            Tags tags = Tags.of("workspace", located.workspaceId().value().toString(),
                    "connection", located.connectionId().value().toString(),
                    "crm", located.kind().name().toLowerCase(Locale.ROOT));
            ConnectionHealthUseCase.Report report = located.report();
            depthRows.add(MultiGauge.Row.of(tags, report.queue().waiting()));
            dueRows.add(MultiGauge.Row.of(tags, report.queue().due()));
            oldestRows.add(MultiGauge.Row.of(tags, report.queue().oldestDueAt()
                    .map(at -> Math.max(0, Duration.between(at, now).toMillis()) / 1000.0).orElse(0.0)));
            failedRows.add(MultiGauge.Row.of(tags, report.queue().failed()));
            report.health().lastPullOkAt().filter(at -> located.kind().canPull()).ifPresent(at ->
                    lagRows.add(MultiGauge.Row.of(tags, Math.max(0, Duration.between(at, now).toMillis()) / 1000.0)));
            GetConnectionBudgetUseCase.ConnectionBudget budget = budgets.budget(located.workspaceId(),
                    located.connectionId());
            usedRows.add(MultiGauge.Row.of(tags, budget.callsUsedToday()));
            allowedRows.add(MultiGauge.Row.of(tags, budget.dailyAllocation()));
            HealthState current = report.health().state();
            for (HealthState each : HealthState.values()) {
                if (each != HealthState.DISCONNECTED) {
                    stateRows.add(MultiGauge.Row.of(tags.and("state", each.name().toLowerCase(Locale.ROOT)),
                            each == current ? 1 : 0));
                }
            }
        }
        depth.register(depthRows, true);
        due.register(dueRows, true);
        oldestDue.register(oldestRows, true);
        failed.register(failedRows, true);
        pullLag.register(lagRows, true);
        budgetUsed.register(usedRows, true);
        budgetAllowed.register(allowedRows, true);
        state.register(stateRows, true);
    }
}
