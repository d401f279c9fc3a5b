package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.GetConnectionBudgetUseCase;
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
    private final Clock clock;

    ConnectionViews(ListConnectionsUseCase connections, GetConnectionBudgetUseCase budgets, ReadAuditUseCase audit,
                    Clock clock) {
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
        view.put("stateLabel", stateLabel(connection.state()));
        view.put("badge", badge(connection.state()));
        view.put("reason", connection.stateReason().orElse(null));
        view.put("email", connection.identity().map(identity -> identity.userEmail()).orElse(null));
        view.put("org", connection.identity().map(identity -> identity.orgName()).orElse(null));
        view.put("connected", connection.state() != ConnectionState.DISCONNECTED);
        Optional<Instant> lastSync = audit.read(new ReadAuditUseCase.Query(connection.workspaceId(),
                Optional.of(connection.id().value()), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("sync."), 1)).stream().findFirst().map(ReadAuditUseCase.Entry::occurredAt);
        view.put("lastSync", lastSync.map(Pages::when).orElse("Not yet"));
        view.put("nextSync", nextSync(connection));
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
        long interval = frequency.pullInterval().getSeconds();
        long now = clock.instant().getEpochSecond();
        return Pages.when(Instant.ofEpochSecond((now / interval + 1) * interval));
    }

    static String kindName(CrmKind kind) {
        return switch (kind) {
            case SALESFORCE -> "Salesforce";
            case HUBSPOT -> "HubSpot";
            case SALESFORCE_WEB_TO_LEAD -> "Salesforce Web-to-Lead";
            case WEBHOOK -> "Webhook";
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

    static String badge(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> "ok";
            case NEEDS_SETUP -> "warn";
            case NEEDS_REAUTH -> "bad";
            case PAUSED, DISCONNECTED -> "none";
        };
    }
}
