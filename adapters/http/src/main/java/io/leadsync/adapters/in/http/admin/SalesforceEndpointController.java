package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.agent.JsonBodies;
import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.configure.MappingInput;
import io.leadsync.application.port.in.connect.SalesforceEndpointsUseCase;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Deliveries to a Salesforce org's own endpoints (issue 18): {@code GET .../{salesforceConnection}/salesforce-endpoints}
 * lists the org's Flows and Apex REST resources, {@code POST} there creates a delivery to one
 * ({@code {"type":"FLOW"|"APEX_REST","name":..,"mappings":[..]}}), and {@code POST .../{delivery}/test-send}
 * ({@code {"leadId":..}} or nothing: a sample lead) sends one lead now and answers what Salesforce said.
 */
@Controller("/api/admin/v1/connections")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SalesforceEndpointController {
    private static final Set<String> MEMBERS = Set.of("type", "name", "mappings");

    private final SalesforceEndpointsUseCase endpoints;
    private final JsonMapper json;

    SalesforceEndpointController(SalesforceEndpointsUseCase endpoints, JsonMapper json) {
        this.endpoints = endpoints;
        this.json = json;
    }

    @Get("/{connectionId}/salesforce-endpoints")
    HttpResponse<JsonNode> list(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        SalesforceEndpointsUseCase.Choices choices = endpoints.list(caller.workspaceId(), connectionId(connectionId));
        List<JsonNode> rows = new ArrayList<>();
        for (SalesforceEndpointsUseCase.Choice choice : choices.endpoints()) {
            Map<String, JsonNode> row = new LinkedHashMap<>();
            row.put("type", JsonNode.createStringNode(choice.type()));
            row.put("name", JsonNode.createStringNode(choice.name()));
            row.put("label", JsonNode.createStringNode(choice.label()));
            rows.add(JsonNode.createObjectNode(row));
        }
        Map<String, JsonNode> answer = new LinkedHashMap<>();
        answer.put("endpoints", JsonNode.createArrayNode(rows));
        answer.put("notes", JsonNode.createArrayNode(choices.notes().stream().map(JsonNode::createStringNode)
                .map(JsonNode.class::cast).toList()));
        return HttpResponse.ok(JsonNode.createObjectNode(answer));
    }

    @Post("/{connectionId}/salesforce-endpoints")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<JsonNode> create(@PathVariable String connectionId, @Nullable @Body String body,
                                  Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        JsonNode request = JsonBodies.readObject(json, body);
        List<ProblemError> bad = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : request.entries()) {
            if (!MEMBERS.contains(member.getKey())) {
                bad.add(ProblemError.ofField(member.getKey(), "is not a member; they are type, name and mappings"));
            }
        }
        Optional<String> type = text(request, "type", bad);
        Optional<String> name = text(request, "name", bad);
        Optional<List<MappingInput>> mappings = EndpointConnectionRequest.mappings(request.get("mappings"), bad);
        if (!bad.isEmpty()) {
            throw new BadRequestException(ProblemType.INVALID_REQUEST,
                    "The Salesforce endpoint request has invalid fields; nothing was created.", bad);
        }
        CrmConnection created;
        try {
            created = endpoints.create(caller.workspaceId(), connectionId(connectionId), caller.actor(), type, name,
                    mappings);
        } catch (InvalidSettingsException e) {
            throw EndpointConnectionRequest.invalid(e);
        }
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(created.id().value().toString()));
        ConnectionJson.toJson(created).entries().forEach(m -> members.putIfAbsent(m.getKey(), m.getValue()));
        return HttpResponse.created(JsonNode.createObjectNode(members),
                URI.create("/api/admin/v1/connections/" + created.id().value()));
    }

    @Post("/{connectionId}/test-send")
    HttpResponse<JsonNode> testSend(@PathVariable String connectionId, @Nullable @Body String body,
                                    Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        List<ProblemError> bad = new ArrayList<>();
        Optional<String> leadId = body == null || body.isBlank() ? Optional.empty()
                : text(JsonBodies.readObject(json, body), "leadId", bad);
        if (!bad.isEmpty()) {
            throw new BadRequestException(ProblemType.INVALID_REQUEST, "The test send has invalid fields.", bad);
        }
        SalesforceEndpointsUseCase.TestSend sent = endpoints.testSend(caller.workspaceId(),
                connectionId(connectionId), caller.actor(), leadId);
        Map<String, JsonNode> answer = new LinkedHashMap<>();
        answer.put("status", JsonNode.createNumberNode(sent.status()));
        answer.put("accepted", JsonNode.createBooleanNode(sent.accepted()));
        answer.put("answer", JsonNode.createStringNode(sent.answer()));
        return HttpResponse.ok(JsonNode.createObjectNode(answer));
    }

    private static Optional<String> text(JsonNode body, String member, List<ProblemError> bad) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            bad.add(ProblemError.ofField(member, "must be a string"));
            return Optional.empty();
        }
        return Optional.of(value.getStringValue());
    }

    private static ConnectionId connectionId(String raw) {
        try {
            return new ConnectionId(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            throw new ConnectionNotFoundException(raw);
        }
    }
}
