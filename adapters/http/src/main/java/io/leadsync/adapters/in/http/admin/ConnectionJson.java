package io.leadsync.adapters.in.http.admin;

import io.leadsync.application.port.in.connect.GetConnectionBudgetUseCase;
import io.leadsync.application.port.in.delivery.GetEndpointStatusUseCase;
import io.leadsync.application.port.in.delivery.SyncReport;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.Readiness;
import io.micronaut.json.tree.JsonNode;

import java.util.LinkedHashMap;
import io.leadsync.application.port.in.connect.ConnectionHealthUseCase;
import io.leadsync.domain.health.ConnectionHealth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Connections and sync reports as the admin API's JSON. Tokens never appear; the connection does not hold them. */
final class ConnectionJson {
    private ConnectionJson() {
    }

    static JsonNode toJson(CrmConnection connection) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("id", JsonNode.createStringNode(connection.id().value().toString()));
        members.put("kind", JsonNode.createStringNode(connection.kind().name()));
        members.put("state", JsonNode.createStringNode(connection.state().name()));
        members.put("stateReason", connection.stateReason().map(JsonNode::createStringNode).orElse(JsonNode.nullNode()));
        members.put("connectedAs", connection.identity().map(identity -> {
            Map<String, JsonNode> who = new LinkedHashMap<>();
            who.put("userEmail", JsonNode.createStringNode(identity.userEmail()));
            who.put("orgName", JsonNode.createStringNode(identity.orgName()));
            who.put("orgId", JsonNode.createStringNode(identity.orgId()));
            who.put("instanceUrl", identity.instanceUrl().map(JsonNode::createStringNode).orElse(JsonNode.nullNode()));
            return JsonNode.createObjectNode(who);
        }).orElse(JsonNode.nullNode()));
        // Every problem of the last check with its fix; null until the connection was first checked.
        members.put("readiness", connection.readiness().map(ConnectionJson::toJson).orElse(JsonNode.nullNode()));
        members.put("frequency", JsonNode.createStringNode(connection.settings().frequency().name()));
        members.put("direction", JsonNode.createStringNode(connection.settings().direction().name()));
        members.put("conflictPolicy", JsonNode.createStringNode(connection.settings().conflictPolicy().name()));
        members.put("createRecordsInCrm", JsonNode.createBooleanNode(connection.settings().createRecordsInCrm()));
        members.put("createLeadsFromCrm", JsonNode.createBooleanNode(connection.settings().createLeadsFromCrm()));
        members.put("targetObject", JsonNode.createStringNode(connection.settings().targetObject().name()));
        members.put("createAccountsInCrm", JsonNode.createBooleanNode(connection.settings().createAccountsInCrm()));
        if (connection.kind() == io.leadsync.domain.crm.CrmKind.SALESFORCE) {
            // Where the org logs in: refreshes and the revocation go there.
            io.leadsync.domain.crm.LoginHost host = connection.salesforce().loginHost();
            members.put("loginHost", JsonNode.createStringNode(host.kind().name()));
            members.put("myDomainUrl", host.myDomain().map(url -> JsonNode.createStringNode(url.toString()))
                    .orElse(JsonNode.nullNode()));
            members.put("addFieldsToPageLayouts",
                    JsonNode.createBooleanNode(connection.salesforce().addFieldsToPageLayouts()));
            members.put("assignNewLeadsByRules",
                    JsonNode.createBooleanNode(connection.salesforce().assignNewLeadsByRules()));
        }
        members.put("mappings", mappings(connection.mappings()));
        members.put("createdAt", JsonNode.createStringNode(connection.createdAt().toString()));
        members.put("updatedAt", JsonNode.createStringNode(connection.updatedAt().toString()));
        return JsonNode.createObjectNode(members);
    }

    /** Each row as PUT .../mappings takes it back: conflictPolicy null means the connection's policy decides. */
    static JsonNode mappings(List<FieldMapping> mappings) {
        return JsonNode.createArrayNode(mappings.stream().map(mapping -> {
            Map<String, JsonNode> row = new LinkedHashMap<>();
            row.put("appField", JsonNode.createStringNode(mapping.appField().apiName()));
            row.put("crmField", JsonNode.createStringNode(mapping.crmField()));
            row.put("direction", JsonNode.createStringNode(mapping.direction().name()));
            row.put("conflictPolicy", mapping.conflictOverride().map(policy -> JsonNode.createStringNode(policy.name()))
                    .orElse(JsonNode.nullNode()));
            return JsonNode.createObjectNode(row);
        }).toList());
    }

    /** The connection as above, with its CRM calls today against its daily allocation (UTC day). */
    static JsonNode toJson(CrmConnection connection, GetConnectionBudgetUseCase.ConnectionBudget budget) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        toJson(connection).entries().forEach(entry -> members.put(entry.getKey(), entry.getValue()));
        Map<String, JsonNode> calls = new LinkedHashMap<>();
        calls.put("day", JsonNode.createStringNode(budget.day().toString()));
        calls.put("callsUsedToday", JsonNode.createNumberNode(budget.callsUsedToday()));
        calls.put("dailyAllocation", JsonNode.createNumberNode(budget.dailyAllocation()));
        members.put("budget", JsonNode.createObjectNode(calls));
        return JsonNode.createObjectNode(members);
    }

    /**
     * A Web-to-Lead connection's status with its rolling window: {@code webToLead: {limit, windowHours,
     * sentInWindow, held, nextSlotAt}}; held leads wait, queued, for the window to free a slot.
     */
    static JsonNode withWindow(JsonNode connection, GetEndpointStatusUseCase.WindowStatus status) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        connection.entries().forEach(entry -> members.put(entry.getKey(), entry.getValue()));
        Map<String, JsonNode> window = new LinkedHashMap<>();
        window.put("limit", JsonNode.createNumberNode(status.limit()));
        window.put("windowHours", JsonNode.createNumberNode(status.window().toHours()));
        window.put("sentInWindow", JsonNode.createNumberNode(status.sentInWindow()));
        window.put("held", JsonNode.createNumberNode(status.held()));
        window.put("nextSlotAt", status.nextSlotAt().map(at -> JsonNode.createStringNode(at.toString()))
                .orElse(JsonNode.nullNode()));
        members.put("webToLead", JsonNode.createObjectNode(window));
        return JsonNode.createObjectNode(members);
    }

    /**
     * The connection with its health (issue 16): {@code state} (HEALTHY, DEGRADED, FAILING, NEEDS_REAUTH,
     * DISCONNECTED), the {@code reason} in the admin's words, failed and waiting leads, and when pushes and pulls last
     * got through.
     */
    static JsonNode withHealth(JsonNode connection, ConnectionHealthUseCase.Report report) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        connection.entries().forEach(entry -> members.put(entry.getKey(), entry.getValue()));
        ConnectionHealth health = report.health();
        Map<String, JsonNode> view = new LinkedHashMap<>();
        view.put("state", JsonNode.createStringNode(health.state().name()));
        view.put("reason", JsonNode.createStringNode(health.reason()));
        view.put("needsAttention", JsonNode.createBooleanNode(health.needsAttention()));
        view.put("failedLeads", JsonNode.createNumberNode(health.failedLeads()));
        view.put("waitingLeads", JsonNode.createNumberNode(health.waitingLeads()));
        view.put("dueLeads", JsonNode.createNumberNode(report.queue().due()));
        view.put("skippedLeads", JsonNode.createNumberNode(report.queue().skipped()));
        view.put("lastPushOkAt", health.lastPushOkAt().map(at -> JsonNode.createStringNode(at.toString()))
                .orElse(JsonNode.nullNode()));
        view.put("lastPullOkAt", health.lastPullOkAt().map(at -> JsonNode.createStringNode(at.toString()))
                .orElse(JsonNode.nullNode()));
        members.put("health", JsonNode.createObjectNode(view));
        return JsonNode.createObjectNode(members);
    }

    static JsonNode toJson(List<CrmConnection> connections) {
        return JsonNode.createObjectNode(Map.of("connections",
                JsonNode.createArrayNode(connections.stream().map(ConnectionJson::toJson).toList())));
    }

    static JsonNode toJson(Readiness readiness) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("ready", JsonNode.createBooleanNode(readiness.isReady()));
        members.put("problems", JsonNode.createArrayNode(readiness.problems().stream().map(problem -> {
            Map<String, JsonNode> item = new LinkedHashMap<>();
            item.put("kind", JsonNode.createStringNode(problem.kind().name()));
            item.put("crmField", JsonNode.createStringNode(problem.crmField()));
            item.put("detail", JsonNode.createStringNode(problem.detail()));
            item.put("fix", JsonNode.createStringNode(problem.fix()));
            return JsonNode.createObjectNode(item);
        }).toList()));
        return JsonNode.createObjectNode(members);
    }

    static JsonNode toJson(SyncReport report) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(report.connectionId().value().toString()));
        members.put("created", JsonNode.createNumberNode(report.created()));
        members.put("updated", JsonNode.createNumberNode(report.updated()));
        members.put("skipped", problems(report.skipped()));
        members.put("failed", problems(report.failed()));
        // Leads left in the queue (a rate limit, a CRM that is down): the background push sends them later.
        members.put("waiting", problems(report.waiting()));
        members.put("crmCalls", JsonNode.createNumberNode(report.crmCalls()));
        members.put("apiUsage", report.apiUsed().isPresent() && report.apiLimit().isPresent()
                ? JsonNode.createObjectNode(Map.of("used", JsonNode.createNumberNode(report.apiUsed().get()),
                "limit", JsonNode.createNumberNode(report.apiLimit().get())))
                : JsonNode.nullNode());
        return JsonNode.createObjectNode(members);
    }

    private static JsonNode problems(List<SyncReport.Problem> problems) {
        return JsonNode.createArrayNode(problems.stream().map(problem -> JsonNode.createObjectNode(Map.of(
                "leadId", JsonNode.createStringNode(problem.leadId()),
                "reason", JsonNode.createStringNode(problem.reason())))).toList());
    }
}
