package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.agent.JsonBodies;
import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.configure.RoutingRulesUseCase;
import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.RoutingRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The workspace's routing rules for agent actions (ADR 0020): {@code actions} (a rule per action kind),
 * {@code agents} (a default per agent id) and {@code defaultTargets} (the default CRM), each a list of connection
 * ids. PUT replaces them all; a member left out is no rule.
 */
@Controller("/api/admin/v1/routing")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
final class RoutingController {
    private final RoutingRulesUseCase routing;
    private final JsonMapper json;

    RoutingController(RoutingRulesUseCase routing, JsonMapper json) {
        this.routing = routing;
        this.json = json;
    }

    @Get
    HttpResponse<JsonNode> get(Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        return HttpResponse.ok(toJson(routing.rules(caller.workspaceId())));
    }

    @Put
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<JsonNode> replace(@Nullable @Body String body, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        JsonNode request = JsonBodies.readObject(json, body);
        List<ProblemError> bad = new ArrayList<>();
        Map<AgentAction, List<ConnectionId>> actions = new EnumMap<>(AgentAction.class);
        Map<String, List<ConnectionId>> agents = new LinkedHashMap<>();
        List<ConnectionId> defaults = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : request.entries()) {
            switch (member.getKey()) {
                case "actions" -> eachList(member.getValue(), "/actions", bad, (name, ids) ->
                        AgentAction.byApiName(name).ifPresentOrElse(action -> actions.put(action, ids), () ->
                                bad.add(new ProblemError("/actions/" + name, "actions", null, "is not an action; they "
                                        + "are " + Arrays.stream(AgentAction.values()).map(AgentAction::apiName)
                                        .toList()))));
                case "agents" -> eachList(member.getValue(), "/agents", bad, agents::put);
                case "defaultTargets" -> defaults.addAll(ids(member.getValue(), "/defaultTargets", bad));
                default -> bad.add(ProblemError.ofField(member.getKey(),
                        "is not a routing member; they are actions, agents and defaultTargets"));
            }
        }
        if (!bad.isEmpty()) {
            throw new BadRequestException(ProblemType.INVALID_REQUEST, "The routing rules are invalid; nothing was "
                    + "changed.", bad);
        }
        return HttpResponse.ok(toJson(routing.replace(caller.workspaceId(), caller.actor(),
                new RoutingRules(actions, agents, defaults))));
    }

    private interface ListConsumer {
        void accept(String name, List<ConnectionId> ids);
    }

    private static void eachList(JsonNode node, String at, List<ProblemError> bad, ListConsumer consumer) {
        if (!node.isObject()) {
            bad.add(new ProblemError(at, at.substring(1), null, "must be a JSON object of connection id lists"));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            consumer.accept(entry.getKey(), ids(entry.getValue(), at + "/" + entry.getKey(), bad));
        }
    }

    private static List<ConnectionId> ids(JsonNode node, String at, List<ProblemError> bad) {
        List<ConnectionId> ids = new ArrayList<>();
        if (!node.isArray()) {
            bad.add(new ProblemError(at, at.substring(1, at.indexOf('/', 1) < 0 ? at.length() : at.indexOf('/', 1)),
                    null, "must be a JSON array of connection ids"));
            return ids;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            try {
                ids.add(new ConnectionId(UUID.fromString(item.isString() ? item.getStringValue() : "")));
            } catch (IllegalArgumentException e) {
                bad.add(new ProblemError(at + "/" + i, at.substring(1).split("/")[0], null,
                        "must be a connection id (a UUID from GET /api/admin/v1/connections)"));
            }
        }
        return ids;
    }

    static JsonNode toJson(RoutingRules rules) {
        Map<String, JsonNode> actions = new LinkedHashMap<>();
        rules.byAction().forEach((action, ids) -> actions.put(action.apiName(), ids(ids)));
        Map<String, JsonNode> agents = new LinkedHashMap<>();
        rules.byAgent().forEach((agent, ids) -> agents.put(agent, ids(ids)));
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("actions", JsonNode.createObjectNode(actions));
        members.put("agents", JsonNode.createObjectNode(agents));
        members.put("defaultTargets", ids(rules.defaults()));
        members.put("order", JsonNode.createStringNode("the request's targets, then actions, then agents (by the "
                + "lead's agentId), then defaultTargets, then every connected CRM"));
        return JsonNode.createObjectNode(members);
    }

    private static JsonNode ids(List<ConnectionId> ids) {
        return JsonNode.createArrayNode(ids.stream().map(id -> JsonNode.createStringNode(id.toString())).toList());
    }
}
