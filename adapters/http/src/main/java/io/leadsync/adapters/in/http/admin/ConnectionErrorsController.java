package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.agent.JsonBodies;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.application.port.in.connect.ConnectionErrorsUseCase;
import io.leadsync.application.port.in.connect.ErrorGroup;
import io.leadsync.application.port.in.delivery.ResyncCommand;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A connection's error ledger (issue 5): failed and skipped deliveries grouped by error, and their resync. */
@Controller("/api/admin/v1/connections")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectionErrorsController {
    private final ConnectionErrorsUseCase errors;
    private final JsonMapper json;

    ConnectionErrorsController(ConnectionErrorsUseCase errors, JsonMapper json) {
        this.errors = errors;
        this.json = json;
    }

    /** The error ledger: failed and skipped deliveries grouped by the CRM's error code. */
    @Get("/{connectionId}/errors")
    HttpResponse<JsonNode> errors(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        List<ErrorGroup> groups = errors.errors(caller.workspaceId(), AdminRequests.connectionId(connectionId));
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(connectionId));
        members.put("total", JsonNode.createNumberNode(groups.stream().mapToInt(ErrorGroup::count).sum()));
        members.put("groups", JsonNode.createArrayNode(groups.stream().map(group -> {
            Map<String, JsonNode> item = new LinkedHashMap<>();
            item.put("errorType", JsonNode.createStringNode(group.errorType()));
            item.put("state", JsonNode.createStringNode(group.state()));
            item.put("count", JsonNode.createNumberNode(group.count()));
            item.put("sampleMessage", JsonNode.createStringNode(group.sampleMessage()));
            item.put("leadIds", JsonNode.createArrayNode(group.leadIds().stream().map(JsonNode::createStringNode)
                    .toList()));
            return JsonNode.createObjectNode(item);
        }).toList()));
        return HttpResponse.ok(JsonNode.createObjectNode(members));
    }

    /** Resyncs {@code {"leadIds":[...]}}, or {@code {"errorType":"..."}}, or (no body) every error. */
    @Post("/{connectionId}/errors/resync")
    HttpResponse<JsonNode> resync(@PathVariable String connectionId, @Nullable @Body String body,
                                  Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        ConnectionId id = AdminRequests.connectionId(connectionId);
        Optional<Set<LeadId>> leadIds = Optional.empty();
        Optional<String> errorType = Optional.empty();
        if (body != null && !body.isBlank()) {
            JsonNode request = JsonBodies.readObject(json, body);
            List<ProblemError> bad = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : request.entries()) {
                if (!member.getKey().equals("leadIds") && !member.getKey().equals("errorType")) {
                    bad.add(ProblemError.ofField(member.getKey(), "is not a resync option; send leadIds or errorType"));
                }
            }
            leadIds = leadIds(request.get("leadIds"), bad);
            JsonNode type = request.get("errorType");
            if (type != null && !type.isNull()) {
                if (!type.isString() || type.getStringValue().isBlank()) {
                    bad.add(ProblemError.ofField("errorType", "must be an error type as GET .../errors lists it, "
                            + "like REQUIRED_FIELD_MISSING"));
                } else {
                    errorType = Optional.of(type.getStringValue());
                }
            }
            if (leadIds.isPresent() && errorType.isPresent()) {
                bad.add(ProblemError.ofField("errorType", "cannot be combined with leadIds: resync some leads or one "
                        + "error type (or, with neither, every error)"));
            }
            if (!bad.isEmpty()) {
                throw AdminRequests.invalid("The resync request has invalid fields; nothing was resynced.", bad);
            }
        }
        int resynced = errors.resync(new ResyncCommand(caller.workspaceId(), id, caller.actor(), leadIds, errorType));
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(connectionId));
        members.put("resynced", JsonNode.createNumberNode(resynced));
        return HttpResponse.ok(JsonNode.createObjectNode(members));
    }

    private static Optional<Set<LeadId>> leadIds(JsonNode node, List<ProblemError> bad) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray() || node.size() == 0) {
            bad.add(ProblemError.ofField("leadIds", "must be a non-empty array of lead ids"));
            return Optional.empty();
        }
        Set<LeadId> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            try {
                if (!item.isString()) {
                    throw new IllegalArgumentException("not a string");
                }
                ids.add(new LeadId(item.getStringValue()));
            } catch (RuntimeException e) {
                // LeadId refuses with the domain's exception; the admin needs only the rule.
                bad.add(AdminRequests.at("leadIds/" + i, null, LeadField.LEAD_ID.rule()));
            }
        }
        return Optional.of(ids);
    }
}
