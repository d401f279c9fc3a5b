package io.leadsync.adapters.in.http.admin;

import io.leadsync.application.port.in.configure.ListTargetObjectsUseCase;
import io.leadsync.domain.crm.TargetObject;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/admin/v1/connections/{id}/target-objects}: what the connection's {@code targetObject} may be set to
 * (PATCH of the connection), each with the admin's words. Person Account is listed only where the Salesforce org has
 * Person Accounts the connected user can create (issue 18, ADR 0082); {@code checked} false with a {@code note} when
 * Salesforce could not be asked now.
 */
@Controller("/api/admin/v1/connections")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class TargetObjectsController {
    private final ListTargetObjectsUseCase targets;

    TargetObjectsController(ListTargetObjectsUseCase targets) {
        this.targets = targets;
    }

    @Get("/{connectionId}/target-objects")
    HttpResponse<JsonNode> targetObjects(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        ListTargetObjectsUseCase.Offered offered = targets.targetObjects(caller.workspaceId(),
                AdminRequests.connectionId(connectionId));
        List<JsonNode> rows = offered.offered().stream().map(TargetObjectsController::row).toList();
        Map<String, JsonNode> answer = new LinkedHashMap<>();
        answer.put("connectionId", JsonNode.createStringNode(connectionId));
        answer.put("targetObjects", JsonNode.createArrayNode(rows));
        answer.put("checked", JsonNode.createBooleanNode(offered.checked()));
        offered.why().ifPresent(why -> answer.put("note", JsonNode.createStringNode(why)));
        return HttpResponse.ok(JsonNode.createObjectNode(answer));
    }

    private static JsonNode row(TargetObject target) {
        Map<String, JsonNode> row = new LinkedHashMap<>();
        row.put("value", JsonNode.createStringNode(target.name()));
        row.put("label", JsonNode.createStringNode(ListTargetObjectsUseCase.label(target)));
        return JsonNode.createObjectNode(row);
    }
}
