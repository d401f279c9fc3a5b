package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.GetLeadQuery;
import io.leadsync.application.port.in.capture.GetLeadUseCase;
import io.leadsync.application.port.in.capture.LogActivityCommand;
import io.leadsync.application.port.in.capture.LogActivityUseCase;
import io.leadsync.application.port.in.capture.LoggedActivity;
import io.leadsync.domain.lead.Activity;
import io.leadsync.domain.lead.ActivityType;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code log_activity}: an e-mail, call or meeting on a lead, through {@link LogActivityUseCase} (the use case of
 * {@code POST /api/v1/leads/{leadId}/activities}), written by the background push to each CRM the lead lives in.
 */
final class LogActivityTool {
    private static final Set<String> MEMBERS = Set.of("leadId", "type", "subject", "body", "occurredAt",
            ToolSchemas.TARGETS, ToolSchemas.IDEMPOTENCY_KEY);

    private final LogActivityUseCase log;
    private final GetLeadUseCase get;
    private final ToolCalls calls;
    private final TargetNames targetNames;
    private final Clock clock;

    LogActivityTool(LogActivityUseCase log, GetLeadUseCase get, ToolCalls calls, TargetNames targetNames,
                    Clock clock) {
        this.log = log;
        this.get = get;
        this.calls = calls;
        this.targetNames = targetNames;
        this.clock = clock;
    }

    AgentTool tool() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("leadId", ToolSchemas.string("The lead the activity was with: " + LeadField.LEAD_ID.rule()));
        properties.put("type", ToolSchemas.enumOf(Arrays.stream(ActivityType.values()).map(Enum::name).toList(),
                "What happened: an EMAIL sent or received, a CALL, a MEETING."));
        properties.put("subject", ToolSchemas.string("One line, at most " + Activity.MAX_SUBJECT + " characters, "
                + "e.g. the e-mail's subject."));
        properties.put("body", Map.of("type", List.of("string", "null"), "description", "The text (the e-mail, the "
                + "call notes), at most " + Activity.MAX_BODY + " characters."));
        properties.put("occurredAt", ToolSchemas.string("When it happened, an ISO-8601 instant like "
                + "2026-12-02T10:15:00Z, not in the future. Default: now."));
        ToolSchemas.actionOptions(properties, false);
        Tool tool = Tool.builder("log_activity", ToolSchemas.object(properties, List.of("leadId", "type", "subject")))
                .title("Log an activity on a lead")
                .description("Record an e-mail, call or meeting you had with a lead. LeadSync writes it to each CRM "
                        + "the lead lives in, on the lead's own record (a completed Salesforce Task, a HubSpot note), "
                        + "waiting for the lead to reach a CRM first if it was just captured. Answers the activity "
                        + "and, per CRM, its state (PENDING until the background push delivers it).")
                .annotations(new ToolAnnotations("Log an activity", false, false, false, true, null)).build();
        return new DefinedTool(tool, this::call);
    }

    private CallToolResult call(AgentPrincipal agent, Map<String, Object> raw) {
        ToolArguments args = new ToolArguments(raw);
        args.onlyThese(MEMBERS, String.join(", ", MEMBERS.stream().sorted().toList()));
        Optional<LeadId> leadId = args.leadId();
        String types = Arrays.toString(ActivityType.values());
        ActivityType type = null;
        Optional<String> rawType = args.text("type");
        if (rawType.isEmpty() && !raw.containsKey("type")) {
            args.refuse("type", "is required: one of " + types);
        } else if (rawType.isPresent()) {
            try {
                type = ActivityType.valueOf(rawType.get());
            } catch (IllegalArgumentException e) {
                args.refuse("type", "must be one of " + types);
            }
        }
        Optional<String> subject = args.text("subject");
        Optional<String> body = args.text("body");
        Optional<Instant> occurredAt = Optional.empty();
        Optional<String> rawTime = args.text("occurredAt");
        if (rawTime.isPresent()) {
            try {
                occurredAt = Optional.of(Instant.parse(rawTime.get()));
            } catch (DateTimeParseException e) {
                args.refuse("occurredAt", "must be an ISO-8601 instant like 2026-12-02T10:15:00Z");
            }
        }
        List<String> targets = args.strings(ToolSchemas.TARGETS);
        Optional<String> key = args.text(ToolSchemas.IDEMPOTENCY_KEY);
        if (!args.valid()) {
            // As over REST: the domain's own rules are named in the same answer, not one fault per attempt.
            Set<String> named = new HashSet<>();
            args.violations().forEach(v -> named.add(v.field()));
            for (FieldViolation v : Activity.violations(subject.orElse(null), body, occurredAt.orElse(null),
                    clock.instant())) {
                if (!named.contains(v.field())) {
                    args.refuse(v.field(), v.rule());
                }
            }
            return calls.results().invalid("The activity has invalid arguments", args.violations());
        }
        LogActivityCommand command = new LogActivityCommand(agent.workspaceId(), leadId.orElseThrow(), type,
                subject.orElse(null), body, occurredAt, agent.actor(),
                targetNames.resolve(agent.workspaceId(), targets));
        return calls.idempotent(agent, "log_activity", raw, key, () -> {
            LoggedActivity logged = log.log(command);
            Optional<String> agentId = get.get(new GetLeadQuery(agent.workspaceId(), command.leadId())).agentId()
                    .map(id -> id.value());
            calls.audit(agent, "log_activity", command.leadId(), agentId, "logged " + command.type()
                    + " \"" + command.subject() + "\" for " + logged.targets().stream().map(t -> t.kind().name())
                    .collect(Collectors.joining(", ")));
            return calls.results().ok(Answers.activity(logged));
        });
    }
}
