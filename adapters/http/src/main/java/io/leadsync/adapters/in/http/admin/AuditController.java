package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.administer.ReadAuditUseCase;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The workspace's audit: every sync run, every record operation (with field diffs and the rule that decided),
 * every failure and settings change, filtered by {@code connectionId}, {@code leadId}, {@code since}, {@code until}
 * (ISO-8601 with an offset), {@code action} (a prefix: {@code sync.}, {@code lead.delivery-failed}) and {@code limit}
 * (1 to 1000, default 100), newest first. Unknown or repeated parameters are refused by name.
 */
@Controller("/api/admin/v1/audit")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuditController {
    private static final Set<String> KNOWN = Set.of("connectionId", "leadId", "since", "until", "action", "limit");

    private final ReadAuditUseCase audit;

    AuditController(ReadAuditUseCase audit) {
        this.audit = audit;
    }

    @Get
    HttpResponse<JsonNode> entries(HttpRequest<?> request, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        HttpParameters parameters = request.getParameters();
        List<ProblemError> errors = new ArrayList<>();
        for (String name : parameters.names()) {
            if (!KNOWN.contains(name)) {
                errors.add(ProblemError.ofParameter(name, "is not a parameter; use one of " + String.join(", ",
                        new java.util.TreeSet<>(KNOWN))));
            } else if (parameters.getAll(name).size() > 1) {
                errors.add(ProblemError.ofParameter(name, "must be given at most once"));
            }
        }
        Optional<UUID> connection = parse(parameters, "connectionId", UUID::fromString, "must be a connection id (a UUID)",
                errors);
        Optional<String> lead = single(parameters, "leadId").map(String::strip);
        Optional<Instant> since = parse(parameters, "since", text -> OffsetDateTime.parse(text).toInstant(),
                "must be an ISO-8601 date-time with an offset, like 2026-01-31T09:30:00Z", errors);
        Optional<Instant> until = parse(parameters, "until", text -> OffsetDateTime.parse(text).toInstant(),
                "must be an ISO-8601 date-time with an offset, like 2026-01-31T09:30:00Z", errors);
        Optional<String> action = single(parameters, "action").map(String::strip);
        Optional<Integer> limit = parse(parameters, "limit", Integer::valueOf, "must be a whole number from 1 to 1000",
                errors).filter(value -> {
                    if (value < 1 || value > 1_000) {
                        errors.add(ProblemError.ofParameter("limit", "must be a whole number from 1 to 1000"));
                        return false;
                    }
                    return true;
                });
        if (!errors.isEmpty()) {
            throw new BadRequestException(ProblemType.INVALID_PARAMETERS, errors.size() == 1
                    ? "1 query parameter is invalid." : errors.size() + " query parameters are invalid.", errors);
        }
        List<ReadAuditUseCase.Entry> entries = audit.read(new ReadAuditUseCase.Query(caller.workspaceId(), connection,
                lead, since, until, action, limit.orElse(100)));
        return HttpResponse.ok(JsonNode.createObjectNode(Map.of("entries", JsonNode.createArrayNode(entries.stream()
                .map(AuditController::toJson).toList()))));
    }

    private static JsonNode toJson(ReadAuditUseCase.Entry entry) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("occurredAt", JsonNode.createStringNode(entry.occurredAt().toString()));
        members.put("actor", JsonNode.createStringNode(entry.actor()));
        members.put("action", JsonNode.createStringNode(entry.action()));
        members.put("leadId", entry.leadId().map(JsonNode::createStringNode).orElse(JsonNode.nullNode()));
        members.put("connectionId", entry.connectionId().map(id -> JsonNode.createStringNode(id.toString()))
                .orElse(JsonNode.nullNode()));
        members.put("detail", JsonNode.createStringNode(entry.detail()));
        return JsonNode.createObjectNode(members);
    }

    private static Optional<String> single(HttpParameters parameters, String name) {
        List<String> values = parameters.getAll(name);
        return values.isEmpty() || values.get(0).isBlank() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static <T> Optional<T> parse(HttpParameters parameters, String name, Function<String, T> parser,
                                         String rule, List<ProblemError> errors) {
        return single(parameters, name).flatMap(text -> {
            try {
                return Optional.of(parser.apply(text.strip()));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                errors.add(ProblemError.ofParameter(name, rule));
                return Optional.empty();
            }
        });
    }
}
