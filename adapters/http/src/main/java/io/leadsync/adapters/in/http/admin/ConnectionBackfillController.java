package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.agent.JsonBodies;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.application.port.in.delivery.BackfillCommand;
import io.leadsync.application.port.in.delivery.BackfillUseCase;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Queues every lead of a connection again (issue 5), for example after a mapping change; the background push sends them. */
@Controller("/api/admin/v1/connections")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectionBackfillController {
    private final BackfillUseCase backfill;
    private final JsonMapper json;

    ConnectionBackfillController(BackfillUseCase backfill, JsonMapper json) {
        this.backfill = backfill;
        this.json = json;
    }

    /** Queues every lead for this connection; the background push sends them. {@code {"fields":[...]}} is optional. */
    @Post("/{connectionId}/backfill")
    HttpResponse<JsonNode> backfill(@PathVariable String connectionId, @Nullable @Body String body,
                                    Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        ConnectionId id = AdminRequests.connectionId(connectionId);
        Set<LeadField> fields = EnumSet.noneOf(LeadField.class);
        if (body != null && !body.isBlank()) {
            JsonNode request = JsonBodies.readObject(json, body);
            List<ProblemError> bad = new ArrayList<>();
            for (Map.Entry<String, JsonNode> member : request.entries()) {
                if (!member.getKey().equals("fields")) {
                    bad.add(ProblemError.ofField(member.getKey(), "is not a backfill option; the only one is fields"));
                }
            }
            JsonNode names = request.get("fields");
            if (names != null && !names.isNull()) {
                String allowed = Arrays.toString(Arrays.stream(LeadField.values()).map(LeadField::apiName).toArray());
                if (!names.isArray()) {
                    bad.add(ProblemError.ofField("fields", "must be an array of app field names: " + allowed));
                } else {
                    for (int i = 0; i < names.size(); i++) {
                        JsonNode name = names.get(i);
                        Optional<LeadField> field = name.isString() ? LeadField.byApiName(name.getStringValue())
                                : Optional.empty();
                        if (field.isEmpty()) {
                            bad.add(AdminRequests.at("fields/" + i, null, "must be one of " + allowed));
                        } else {
                            fields.add(field.get());
                        }
                    }
                }
            }
            if (!bad.isEmpty()) {
                throw AdminRequests.invalid("The backfill request has invalid fields; nothing was queued.", bad);
            }
        }
        int queued = backfill.backfill(new BackfillCommand(caller.workspaceId(), id, caller.actor(), fields));
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(connectionId));
        members.put("queued", JsonNode.createNumberNode(queued));
        return HttpResponse.accepted().body(JsonNode.createObjectNode(members));
    }
}
