package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.agent.JsonBodies;
import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.configure.AlertSettingsUseCase;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's alerts (issue 16): {@code emails} (recipients), {@code chatWebhook} (a Slack-compatible incoming
 * webhook URL; never answered back, only {@code chatWebhookHost}; left out keeps it, {@code ""} or {@code null}
 * removes it) and {@code failedLeadsThreshold}. PUT replaces the recipients.
 */
@Controller("/api/admin/v1/alerts")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
final class AlertsController {
    private final AlertSettingsUseCase alerts;
    private final JsonMapper json;

    AlertsController(AlertSettingsUseCase alerts, JsonMapper json) {
        this.alerts = alerts;
        this.json = json;
    }

    @Get
    HttpResponse<JsonNode> get(Authentication authentication) {
        return HttpResponse.ok(toJson(alerts.settings(AdminCaller.of(authentication).workspaceId())));
    }

    @Put
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<JsonNode> replace(@Nullable @Body String body, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        JsonNode request = JsonBodies.readObject(json, body);
        List<ProblemError> bad = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        Optional<String> chat = Optional.empty();
        Optional<Integer> threshold = Optional.empty();
        for (Map.Entry<String, JsonNode> member : request.entries()) {
            JsonNode value = member.getValue();
            switch (member.getKey()) {
                case "emails" -> {
                    if (!value.isArray()) {
                        bad.add(ProblemError.ofField("emails", "must be a JSON array of e-mail addresses"));
                        break;
                    }
                    for (int i = 0; i < value.size(); i++) {
                        if (value.get(i).isString()) {
                            emails.add(value.get(i).getStringValue());
                        } else {
                            bad.add(new ProblemError("/emails/" + i, "emails", null, "must be a string"));
                        }
                    }
                }
                case "chatWebhook" -> {
                    if (value.isNull()) {
                        chat = Optional.of("");
                    } else if (value.isString()) {
                        chat = Optional.of(value.getStringValue());
                    } else {
                        bad.add(ProblemError.ofField("chatWebhook", "must be a URL string, or null to remove it"));
                    }
                }
                case "failedLeadsThreshold" -> {
                    if (value.isNumber() && value.getNumberValue().doubleValue() == value.getNumberValue().intValue()) {
                        threshold = Optional.of(value.getNumberValue().intValue());
                    } else {
                        bad.add(ProblemError.ofField("failedLeadsThreshold", "must be a whole number from 1 to "
                                + "1000000"));
                    }
                }
                case "chatWebhookHost", "mailConfigured" -> {
                    // Read-only members a client may send back unchanged.
                }
                default -> bad.add(ProblemError.ofField(member.getKey(), "is not an alert setting; they are "
                        + "emails, chatWebhook and failedLeadsThreshold"));
            }
        }
        if (!bad.isEmpty()) {
            throw new BadRequestException(ProblemType.INVALID_REQUEST, "The alert settings are invalid; nothing was "
                    + "changed.", bad);
        }
        try {
            return HttpResponse.ok(toJson(alerts.change(new AlertSettingsUseCase.Command(caller.workspaceId(),
                    caller.actor(), emails, chat, threshold))));
        } catch (InvalidSettingsException e) {
            throw EndpointConnectionRequest.invalid(e);
        }
    }

    static JsonNode toJson(AlertSettingsUseCase.View view) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("emails", JsonNode.createArrayNode(view.emails().stream().map(JsonNode::createStringNode)
                .toList()));
        members.put("chatWebhookHost", view.chatWebhookHost().map(JsonNode::createStringNode)
                .orElse(JsonNode.nullNode()));
        members.put("failedLeadsThreshold", JsonNode.createNumberNode(view.failedLeadsThreshold()));
        members.put("mailConfigured", JsonNode.createBooleanNode(view.mailConfigured()));
        members.put("alertsWhen", JsonNode.createStringNode("a connection needs re-auth, fails (nothing gets "
                + "through), or has at least failedLeadsThreshold failed leads; one message per incident and one "
                + "when it recovers"));
        return JsonNode.createObjectNode(members);
    }
}
