package io.leadsync.adapters.in.http.agent;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.TrackActionUseCase;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.UUID;

/** An agent action's outcome at each of its targets, by the tracking id its response carried. */
@Controller("/api/v1/actions")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
final class ActionController {
    private static final String NOT_FOUND = "This workspace has no action with that tracking id.";

    private final TrackActionUseCase track;

    ActionController(TrackActionUseCase track) {
        this.track = track;
    }

    @Get("/{trackingId}")
    HttpResponse<JsonNode> get(@PathVariable String trackingId, Authentication authentication) {
        AgentPrincipal agent = AgentAuthentications.toPrincipal(authentication);
        UUID id;
        try {
            id = UUID.fromString(trackingId);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, NOT_FOUND);
        }
        return HttpResponse.ok(ActionJson.toJson(track.track(agent.workspaceId(), id)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, NOT_FOUND))));
    }
}
