package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.ConnectionHealthUseCase;
import io.leadsync.application.port.in.GetConnectionBudgetUseCase;
import io.leadsync.domain.health.HealthState;
import io.leadsync.application.port.in.ListConnectionsQuery;
import io.leadsync.application.port.in.ListConnectionsUseCase;
import io.leadsync.application.port.in.ReadAuditUseCase;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A workspace's connections as the pages show them: the state as a badge, who and where, syncs and budget. */
@Singleton
final class ConnectionViews {
    private final ListConnectionsUseCase connections;
    private final GetConnectionBudgetUseCase budgets;
    private final ReadAuditUseCase audit;
    private final ConnectionHealthUseCase health;
    private final Clock clock;

    ConnectionViews(ListConnectionsUseCase connections, GetConnectionBudgetUseCase budgets, ReadAuditUseCase audit,
                    ConnectionHealthUseCase health, Clock clock) {
        this.health = health;
        this.connections = connections;
        this.budgets = budgets;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every connection of the workspace that was authorised at some point (abandoned connects are left out). */
    List<CrmConnection> authorised(WorkspaceId workspaceId) {
        return connections.list(new ListConnectionsQuery(workspaceId)).stream()
                .filter(connection -> connection.identity().isPresent())
                .sorted(Comparator.comparing(CrmConnection::updatedAt).reversed())
                .toList();
    }

    /** The connection of this kind an admin works with: the newest authorised one that is not disconnected. */
    Optional<CrmConnection> current(WorkspaceId workspaceId, CrmKind kind) {
        return authorised(workspaceId).stream()
                .filter(connection -> connection.kind() == kind && connection.state() != ConnectionState.DISCONNECTED)
                .findFirst();
    }

    /** One connection of the workspace; another workspace's connection is simply not found. */
    Optional<CrmConnection> find(WorkspaceId workspaceId, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        ConnectionId wanted = new ConnectionId(uuid);
        return connections.list(new ListConnectionsQuery(workspaceId)).stream()
                .filter(connection -> connection.id().equals(wanted)).findFirst();
    }

    Map<String, Object> summary(CrmConnection connection) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", connection.id().value().toString());
        view.put("kind", connection.kind().name());
        view.put("kindName", kindName(connection.kind()));
        view.put("state", connection.state().name());
        // The badge tells the truth about syncing (issue 16): a CONNECTED connection whose pushes or pulls fail is
        // not green. A connection waiting for setup keeps its own label, which names what to do.
        Optional<ConnectionHealthUseCase.Report> report = Optional.ofNullable(
                health.health(connection.workspaceId()).get(connection.id()));
        HealthState healthState = report.map(found -> found.health().state()).orElse(HealthState.HEALTHY);
        boolean setup = connection.state() == ConnectionState.NEEDS_SETUP;
        // Healthy reads as the familiar green "Connected"; anything else says what is wrong.
        view.put("stateLabel", setup || connection.state() == ConnectionState.PAUSED ? stateLabel(connection.state())
                : healthState == HealthState.HEALTHY ? "Connected" : healthLabel(healthState));
        view.put("healthLabel", healthLabel(healthState));
        view.put("badge", setup ? badge(connection.state()) : healthBadge(healthState));
        view.put("health", healthState.name());
        view.put("needsAttention", healthState.needsAttention());
        view.put("healthReason", report.map(found -> found.health().reason()).orElse(null));
        view.put("failedLeads", report.map(found -> found.health().failedLeads()).orElse(0L));
        view.put("waitingLeads", report.map(found -> found.health().waitingLeads()).orElse(0L));
        view.put("reason", connection.stateReason().orElse(null));
        view.put("email", connection.identity().map(identity -> identity.userEmail()).orElse(null));
        view.put("org", connection.identity().map(identity -> identity.orgName()).orElse(null));
        view.put("connected", connection.state() != ConnectionState.DISCONNECTED);
        Optional<Instant> lastSync = audit.read(new ReadAuditUseCase.Query(connection.workspaceId(),
                Optional.of(connection.id().value()), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("sync."), 1)).stream().findFirst().map(ReadAuditUseCase.Entry::occurredAt);
        view.put("lastSync", lastSync.map(Pages::when).orElse("Not yet"));
        // The instants too, so the page shows them in the admin's own time zone (leadsync.js rewrites <time>).
        view.put("lastSyncIso", lastSync.map(Instant::toString).orElse(null));
        view.put("nextSync", nextSync(connection));
        view.put("nextSyncIso", nextSyncAt(connection).map(Instant::toString).orElse(null));
        GetConnectionBudgetUseCase.ConnectionBudget budget = budgets.budget(connection.workspaceId(), connection.id());
        view.put("callsUsed", budget.callsUsedToday());
        view.put("callsAllowed", budget.dailyAllocation());
        view.put("budgetPercent", budget.dailyAllocation() == 0 ? 0
                : Math.min(100, budget.callsUsedToday() * 100 / budget.dailyAllocation()));
        return view;
    }

    private String nextSync(CrmConnection connection) {
        if (!connection.syncs()) {
            return "Paused until the connection is ready";
        }
        if (!connection.kind().canPull()) {
            // Push-only kinds are never read back, so no pull time applies to them.
            return "Each lead is pushed as it changes; nothing is read back";
        }
        SyncFrequency frequency = connection.settings().frequency();
        if (frequency == SyncFrequency.REALTIME) {
            return "Continuous: changes go at once, CRM edits are read every minute";
        }
        return Pages.when(nextSyncAt(connection).orElseThrow());
    }

    /** When the next scheduled pull is due, for connections pulled on a schedule. */
    private Optional<Instant> nextSyncAt(CrmConnection connection) {
        SyncFrequency frequency = connection.settings().frequency();
        if (!connection.kind().canPull() || frequency == SyncFrequency.REALTIME) {
            return Optional.empty();
        }
        long interval = frequency.pullInterval().getSeconds();
        long now = clock.instant().getEpochSecond();
        return Optional.of(Instant.ofEpochSecond((now / interval + 1) * interval));
    }

    static String kindName(CrmKind kind) {
        return switch (kind) {
            case SALESFORCE -> "Salesforce";
            case HUBSPOT -> "HubSpot";
            case SALESFORCE_WEB_TO_LEAD -> "Salesforce Web-to-Lead";
            case WEBHOOK -> "Webhook";
            case SALESFORCE_ENDPOINT -> "Salesforce endpoint";
        };
    }

    static String stateLabel(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> "Connected";
            case NEEDS_SETUP -> "Needs setup";
            case NEEDS_REAUTH -> "Needs re-auth";
            case PAUSED -> "Paused";
            case DISCONNECTED -> "Disconnected";
        };
    }

    static String healthLabel(HealthState state) {
        return switch (state) {
            case HEALTHY -> "Healthy";
            case DEGRADED -> "Degraded";
            case FAILING -> "Failing";
            case NEEDS_REAUTH -> "Needs re-auth";
            case DISCONNECTED -> "Disconnected";
        };
    }

    static String healthBadge(HealthState state) {
        return switch (state) {
            case HEALTHY -> "ok";
            case DEGRADED -> "warn";
            case FAILING, NEEDS_REAUTH -> "bad";
            case DISCONNECTED -> "none";
        };
    }

    /** How many of the workspace's connections need an admin (degraded, failing, needs re-auth): the nav's badge. */
    long needingAttention(WorkspaceId workspaceId) {
        return health.health(workspaceId).values().stream().filter(report -> report.health().needsAttention())
                .count();
    }

    static String badge(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> "ok";
            case NEEDS_SETUP -> "warn";
            case NEEDS_REAUTH -> "bad";
            case PAUSED, DISCONNECTED -> "none";
        };
    }
}
