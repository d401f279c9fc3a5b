package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.ListAgentTargetsUseCase;
import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.RoutingRules;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code list_crm_connections}: what an agent may target and how the workspace routes when it names no target, from
 * {@link ListAgentTargetsUseCase} (the check the actions themselves apply).
 */
final class ListConnectionsTool {
    private final ListAgentTargetsUseCase targets;
    private final ToolCalls calls;

    ListConnectionsTool(ListAgentTargetsUseCase targets, ToolCalls calls) {
        this.targets = targets;
        this.calls = calls;
    }

    AgentTool tool() {
        Tool tool = Tool.builder("list_crm_connections", ToolSchemas.object(Map.of(), List.of()))
                .title("List the CRMs you can send leads to")
                .description("List this workspace's CRM connections (Salesforce, HubSpot, webhooks, Salesforce "
                        + "Web-to-Lead): each one's id and kind, its health (CONNECTED, NEEDS_SETUP, NEEDS_REAUTH, "
                        + "PAUSED, DISCONNECTED, with the reason), the org or portal, and whether it can be a target "
                        + "of your actions (and why not). Also the routing defaults that choose the CRMs when you name "
                        + "no targets: a rule per action (upsertLead, changeStatus, logActivity), a default per agent "
                        + "id, the workspace default; with none, every usable connection. Name connections by id (or "
                        + "by kind) in the targets of capture_lead, update_lead, change_lead_status, log_activity.")
                .annotations(new ToolAnnotations("List CRM connections", true, false, true, false, null)).build();
        return new DefinedTool(tool, this::call);
    }

    private CallToolResult call(AgentPrincipal agent, Map<String, Object> raw) {
        ToolArguments args = new ToolArguments(raw);
        args.onlyThese(Set.of(), "none");
        if (!args.valid()) {
            return calls.results().invalid("The call has invalid arguments", args.violations());
        }
        ListAgentTargetsUseCase.AgentTargets found = targets.targets(agent.workspaceId());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("connections", found.connections().stream().map(ListConnectionsTool::connection).toList());
        answer.put("routing", routing(found.routing()));
        return calls.results().ok(answer);
    }

    private static Map<String, Object> connection(ListAgentTargetsUseCase.Candidate candidate) {
        CrmConnection connection = candidate.connection();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("connectionId", connection.id().toString());
        row.put("kind", connection.kind().name());
        row.put("state", connection.state().name());
        row.put("stateReason", connection.stateReason().orElse(null));
        row.put("org", connection.identity().map(identity -> identity.orgName()).orElse(null));
        row.put("direction", connection.settings().direction().name());
        row.put("frequency", connection.settings().frequency().name());
        row.put("canBeTarget", candidate.notATargetBecause().isEmpty());
        row.put("notATargetBecause", candidate.notATargetBecause().orElse(null));
        return row;
    }

    private static Map<String, Object> routing(RoutingRules rules) {
        Map<String, Object> actions = new LinkedHashMap<>();
        for (AgentAction action : AgentAction.values()) {
            if (rules.byAction().containsKey(action)) {
                actions.put(action.apiName(), ids(rules.byAction().get(action)));
            }
        }
        Map<String, Object> agents = new LinkedHashMap<>();
        rules.byAgent().forEach((agent, ids) -> agents.put(agent, ids(ids)));
        Map<String, Object> routing = new LinkedHashMap<>();
        routing.put("actions", actions);
        routing.put("agents", agents);
        routing.put("defaultTargets", ids(rules.defaults()));
        routing.put("order", "targets you name; else the action's rule; else the lead's agent's default; else the "
                + "workspace default; else every connection that can be a target");
        return routing;
    }

    private static List<String> ids(List<ConnectionId> ids) {
        return ids.stream().map(ConnectionId::toString).toList();
    }
}
