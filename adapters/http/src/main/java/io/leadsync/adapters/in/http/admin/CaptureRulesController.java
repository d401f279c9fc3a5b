package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.agent.JsonBodies;
import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.configure.CaptureRulesUseCase;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.EmailAddress;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Capture rules: the workspace's duplicate detection ({@code /api/admin/v1/duplicates}) and each connection's
 * suppression list ({@code /api/admin/v1/connections/{id}/suppressions}). PUT replaces the whole rule or list.
 */
@Controller("/api/admin/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
final class CaptureRulesController {
    static final Duration MAX_WINDOW = DuplicateRule.MAX_WINDOW;
    private final CaptureRulesUseCase rules;
    private final JsonMapper json;

    CaptureRulesController(CaptureRulesUseCase rules, JsonMapper json) {
        this.rules = rules;
        this.json = json;
    }

    @Get("/duplicates")
    HttpResponse<JsonNode> duplicates(Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        return HttpResponse.ok(toJson(rules.duplicateRule(caller.workspaceId())));
    }

    /** {@code {"enabled":true,"fields":["workEmail","mobilePhone"],"window":"P30D"}}; members left out keep defaults. */
    @Put("/duplicates")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<JsonNode> replaceDuplicates(@Nullable @Body String body, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        JsonNode request = JsonBodies.readObject(json, body);
        List<ProblemError> bad = new ArrayList<>();
        boolean enabled = DuplicateRule.OFF.enabled();
        List<LeadField> fields = DuplicateRule.OFF.fields();
        Duration window = DuplicateRule.OFF.window();
        for (Map.Entry<String, JsonNode> member : request.entries()) {
            JsonNode value = member.getValue();
            switch (member.getKey()) {
                case "enabled" -> {
                    if (value.isBoolean()) {
                        enabled = value.getBooleanValue();
                    } else {
                        bad.add(ProblemError.ofField("enabled", "must be a JSON boolean"));
                    }
                }
                case "fields" -> fields = fields(value, bad);
                case "window" -> {
                    try {
                        window = Duration.parse(value.isString() ? value.getStringValue() : "");
                        if (!DuplicateRule.allowsWindow(window)) {
                            bad.add(ProblemError.ofField("window", "must be longer than zero and at most 366 days"));
                        }
                    } catch (DateTimeParseException e) {
                        bad.add(ProblemError.ofField("window", "must be an ISO-8601 duration such as P30D or PT12H"));
                    }
                }
                default -> bad.add(ProblemError.ofField(member.getKey(),
                        "is not a duplicate rule member; they are enabled, fields and window"));
            }
        }
        if (!bad.isEmpty()) {
            throw invalid("The duplicate rule is invalid; nothing was changed.", bad);
        }
        return HttpResponse.ok(toJson(rules.replaceDuplicateRule(caller.workspaceId(), caller.actor(),
                new DuplicateRule(enabled, fields, window))));
    }

    @Get("/connections/{connectionId}/suppressions")
    HttpResponse<JsonNode> suppressions(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        return HttpResponse.ok(toJson(rules.suppressions(caller.workspaceId(), connectionId(connectionId))));
    }

    /** {@code {"emails":["ceo@client.example"],"domains":["competitor.example"]}}: the whole list. */
    @Put("/connections/{connectionId}/suppressions")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<JsonNode> replaceSuppressions(@PathVariable String connectionId, @Nullable @Body String body,
                                               Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        ConnectionId id = connectionId(connectionId);
        JsonNode request = JsonBodies.readObject(json, body);
        List<ProblemError> bad = new ArrayList<>();
        Set<String> emails = new LinkedHashSet<>();
        Set<String> domains = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> member : request.entries()) {
            switch (member.getKey()) {
                case "emails" -> strings(member.getValue(), "emails", bad).forEach((index, text) -> {
                    try {
                        emails.add(new EmailAddress(text).value());
                    } catch (InvalidLeadException e) {
                        bad.add(new ProblemError("/emails/" + index, "emails", null, "must be an email address"));
                    }
                });
                case "domains" -> strings(member.getValue(), "domains", bad).forEach((index, text) -> {
                    String domain = text.startsWith("@") ? text.substring(1) : text;
                    if (io.leadsync.domain.crm.Suppressions.isDomain(domain)) {
                        domains.add(domain);
                    } else {
                        bad.add(new ProblemError("/domains/" + index, "domains", null,
                                "must be a domain name such as competitor.example"));
                    }
                });
                default -> bad.add(ProblemError.ofField(member.getKey(),
                        "is not a suppression member; they are emails and domains"));
            }
        }
        if (!bad.isEmpty()) {
            throw invalid("The suppression list is invalid; nothing was changed.", bad);
        }
        return HttpResponse.ok(toJson(rules.replaceSuppressions(caller.workspaceId(), caller.actor(), id,
                new Suppressions(emails, domains))));
    }

    private static List<LeadField> fields(JsonNode value, List<ProblemError> bad) {
        List<LeadField> fields = new ArrayList<>();
        strings(value, "fields", bad).forEach((index, name) -> LeadField.byApiName(name)
                .filter(field -> field != LeadField.LEAD_ID).ifPresentOrElse(fields::add, () ->
                        bad.add(new ProblemError("/fields/" + index, "fields", null,
                                "must be a lead field other than leadId (workEmail, mobilePhone, linkedinUrl, ...)"))));
        if (fields.isEmpty() && bad.isEmpty()) {
            bad.add(ProblemError.ofField("fields", "must name at least one lead field"));
        }
        return fields;
    }

    private static Map<Integer, String> strings(JsonNode value, String name, List<ProblemError> bad) {
        Map<Integer, String> strings = new LinkedHashMap<>();
        if (!value.isArray()) {
            bad.add(ProblemError.ofField(name, "must be a JSON array of strings"));
            return strings;
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i).isString()) {
                strings.put(i, value.get(i).getStringValue().trim());
            } else {
                bad.add(new ProblemError("/" + name + "/" + i, name, null, "must be a string"));
            }
        }
        return strings;
    }

    private static ConnectionId connectionId(String text) {
        try {
            return new ConnectionId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new ConnectionNotFoundException(text);
        }
    }

    private static BadRequestException invalid(String detail, List<ProblemError> errors) {
        return new BadRequestException(ProblemType.INVALID_REQUEST, detail, errors);
    }

    static JsonNode toJson(DuplicateRule rule) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("enabled", JsonNode.createBooleanNode(rule.enabled()));
        members.put("fields", JsonNode.createArrayNode(rule.fields().stream()
                .map(field -> JsonNode.createStringNode(field.apiName())).toList()));
        members.put("window", JsonNode.createStringNode(rule.window().toString()));
        return JsonNode.createObjectNode(members);
    }

    static JsonNode toJson(Suppressions suppressions) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("emails", JsonNode.createArrayNode(suppressions.emails().stream().map(JsonNode::createStringNode)
                .toList()));
        members.put("domains", JsonNode.createArrayNode(suppressions.domains().stream()
                .map(JsonNode::createStringNode).toList()));
        return JsonNode.createObjectNode(members);
    }
}
