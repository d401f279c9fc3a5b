package io.leadsync.adapters.in.http.admin;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.GetSyncProgressUseCase;
import io.leadsync.application.port.in.SyncProgress;
import io.leadsync.domain.crm.ConnectionId;
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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How far a connection's "sync now" has got, for a script that started one (the admin page reads the same counts):
 * of the workspace's leads, how many are delivered, skipped, failed and still waiting, and whether a run is going.
 */
@Controller("/api/admin/v1/connections/{connectionId}/sync/progress")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SyncProgressApiController {
    private final GetSyncProgressUseCase progress;

    SyncProgressApiController(GetSyncProgressUseCase progress) {
        this.progress = progress;
    }

    @Get
    HttpResponse<JsonNode> progress(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        SyncProgress now = progress.progress(new GetSyncProgressUseCase.SyncProgressQuery(caller.workspaceId(),
                connectionId(connectionId)));
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(now.connectionId().value().toString()));
        members.put("running", JsonNode.createBooleanNode(now.running()));
        members.put("leads", JsonNode.createNumberNode(now.leads()));
        members.put("delivered", JsonNode.createNumberNode(now.delivered()));
        members.put("skipped", JsonNode.createNumberNode(now.skipped()));
        members.put("failed", JsonNode.createNumberNode(now.failed()));
        members.put("waiting", JsonNode.createNumberNode(now.waiting()));
        members.put("started", instant(now.started()));
        members.put("finished", instant(now.finished()));
        members.put("crmCalls", JsonNode.createNumberNode(now.crmCalls()));
        return HttpResponse.ok(JsonNode.createObjectNode(members));
    }

    private static JsonNode instant(Optional<Instant> at) {
        return at.map(instant -> JsonNode.createStringNode(instant.toString())).orElse(JsonNode.nullNode());
    }

    private static ConnectionId connectionId(String raw) {
        try {
            return new ConnectionId(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            throw new ConnectionNotFoundException(raw);
        }
    }
}
