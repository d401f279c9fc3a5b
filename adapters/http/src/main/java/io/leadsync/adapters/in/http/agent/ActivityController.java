package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.administer.ListActivitiesUseCase;
import io.leadsync.application.port.in.capture.LogActivityCommand;
import io.leadsync.application.port.in.capture.LogActivityUseCase;
import io.leadsync.application.port.in.capture.LoggedActivity;
import io.leadsync.domain.lead.Activity;
import io.leadsync.domain.lead.ActivityType;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent logs an email, call or meeting on a lead: {@code POST /api/v1/leads/{leadId}/activities}
 * {@code {"type":"EMAIL","subject":..,"body":..,"occurredAt":"2026-12-02T10:15:00Z"}}. It answers 201 with the
 * activity and, per target CRM, its state ({@code PENDING} until the background push writes it); {@code GET} lists the
 * lead's activities with what became of each.
 */
@Controller("/api/v1/leads/{leadId}/activities")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
final class ActivityController {
    private static final Set<String> MEMBERS = Set.of("type", "subject", "body", "occurredAt",
            ActionOptions.TARGETS);

    private final LogActivityUseCase log;
    private final ListActivitiesUseCase list;
    private final IdempotentRequests idempotent;
    private final JsonMapper json;
    private final Clock clock;

    ActivityController(LogActivityUseCase log, ListActivitiesUseCase list, IdempotentRequests idempotent,
                       JsonMapper json, Clock clock) {
        this.log = log;
        this.list = list;
        this.idempotent = idempotent;
        this.json = json;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<JsonNode> log(HttpRequest<?> request, @PathVariable String leadId, @Nullable @Body byte[] raw,
                               Authentication authentication) {
        AgentPrincipal agent = AgentAuthentications.toPrincipal(authentication);
        String body = JsonBodies.utf8(raw);
        LeadId id = pathLeadId(leadId);
        LogActivityCommand command = parse(JsonBodies.readObject(json, body), agent, id, clock.instant());
        // A retried log with the same Idempotency-Key gets the first answer and logs nothing twice (ADR 0021).
        return idempotent.run(request, agent, body, false, () -> {
            LoggedActivity logged;
            try {
                logged = log.log(command);
            } catch (InvalidLeadException e) {
                throw invalid(e.violations().stream().map(v -> ProblemError.ofField(v.field(), v.rule())).toList());
            }
            return HttpResponse.created(toJson(logged), URI.create("/api/v1/leads/" + id.value() + "/activities"));
        });
    }

    @Get
    HttpResponse<JsonNode> list(@PathVariable String leadId, Authentication authentication) {
        AgentPrincipal agent = AgentAuthentications.toPrincipal(authentication);
        return HttpResponse.ok(JsonNode.createObjectNode(Map.of("activities", JsonNode.createArrayNode(
                list.list(agent.workspaceId(), pathLeadId(leadId)).stream().map(ActivityController::toJson)
                        .toList()))));
    }

    private static LogActivityCommand parse(JsonNode body, AgentPrincipal agent, LeadId leadId, Instant now) {
        List<ProblemError> bad = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : body.entries()) {
            if (!MEMBERS.contains(member.getKey())) {
                bad.add(ProblemError.ofField(member.getKey(), "is not an activity member; they are type, subject, "
                        + "body, occurredAt and targets"));
            }
        }
        String types = Arrays.toString(ActivityType.values());
        ActivityType type = null;
        Optional<String> rawType = text(body, "type", bad);
        if (rawType.isEmpty()) {
            bad.add(ProblemError.ofField("type", "is required: one of " + types));
        } else {
            try {
                type = ActivityType.valueOf(rawType.get());
            } catch (IllegalArgumentException e) {
                bad.add(ProblemError.ofField("type", "must be one of " + types));
            }
        }
        Optional<String> subject = text(body, "subject", bad);
        Optional<String> text = text(body, "body", bad);
        Optional<Instant> occurredAt = Optional.empty();
        Optional<String> rawTime = text(body, "occurredAt", bad);
        if (rawTime.isPresent()) {
            try {
                occurredAt = Optional.of(Instant.parse(rawTime.get()));
            } catch (DateTimeParseException e) {
                bad.add(ProblemError.ofField("occurredAt", "must be an ISO-8601 instant like 2026-12-02T10:15:00Z"));
            }
        }
        List<String> targets = new ArrayList<>();
        JsonNode requested = body.get(ActionOptions.TARGETS);
        if (requested != null && !requested.isNull()) {
            if (!requested.isArray()) {
                bad.add(ProblemError.ofField(ActionOptions.TARGETS, "must be a JSON array of connection ids"));
            } else {
                for (int i = 0; i < requested.size(); i++) {
                    if (requested.get(i).isString()) {
                        targets.add(requested.get(i).getStringValue());
                    } else {
                        bad.add(new ProblemError("/targets/" + i, ActionOptions.TARGETS, null,
                                "must be a connection id string"));
                    }
                }
            }
        }
        if (!bad.isEmpty()) {
            // The domain's rules would not run on this request, so they are checked here too: one answer names an
            // empty subject or a future time alongside a bad type, not one fault per attempt.
            Set<String> named = new HashSet<>();
            bad.forEach(error -> named.add(error.field()));
            for (FieldViolation v : Activity.violations(subject.orElse(null), text, occurredAt.orElse(null), now)) {
                if (!named.contains(v.field())) {
                    bad.add(ProblemError.ofField(v.field(), v.rule()));
                }
            }
            throw invalid(bad);
        }
        return new LogActivityCommand(agent.workspaceId(), leadId, type, subject.orElse(null), text, occurredAt,
                agent.actor(), targets);
    }

    private static Optional<String> text(JsonNode body, String name, List<ProblemError> bad) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            bad.add(ProblemError.ofField(name, "must be a JSON string"));
            return Optional.empty();
        }
        return Optional.of(value.getStringValue());
    }

    private static JsonNode toJson(LoggedActivity logged) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        var activity = logged.activity();
        members.put("activityId", JsonNode.createStringNode(activity.id().toString()));
        members.put("leadId", JsonNode.createStringNode(activity.leadId().value()));
        members.put("type", JsonNode.createStringNode(activity.type().name()));
        members.put("subject", JsonNode.createStringNode(activity.subject()));
        members.put("body", activity.body().map(JsonNode::createStringNode).orElse(JsonNode.nullNode()));
        members.put("occurredAt", JsonNode.createStringNode(activity.occurredAt().toString()));
        members.put("loggedAt", JsonNode.createStringNode(activity.loggedAt().toString()));
        members.put("targets", JsonNode.createArrayNode(logged.targets().stream().map(target -> {
            Map<String, JsonNode> row = new LinkedHashMap<>();
            row.put("connectionId", JsonNode.createStringNode(target.connectionId().value().toString()));
            row.put("kind", JsonNode.createStringNode(target.kind().name()));
            row.put("state", JsonNode.createStringNode(target.state()));
            row.put("crmRecordId", target.crmRecordId().map(JsonNode::createStringNode).orElse(JsonNode.nullNode()));
            row.put("reason", target.reason().map(JsonNode::createStringNode).orElse(JsonNode.nullNode()));
            return JsonNode.createObjectNode(row);
        }).toList()));
        return JsonNode.createObjectNode(members);
    }

    private static BadRequestException invalid(List<ProblemError> errors) {
        return new BadRequestException(ProblemType.INVALID_REQUEST, "The activity has invalid fields; nothing was "
                + "logged.", errors);
    }

    /** A path id that breaks the lead id rule names no lead, so it is answered like any unknown lead. */
    private static LeadId pathLeadId(String text) {
        try {
            return new LeadId(text);
        } catch (InvalidLeadException e) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "This workspace has no such lead.");
        }
    }
}
