package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.LeadActionCommand;
import io.leadsync.application.port.in.capture.LeadActionResult;
import io.leadsync.application.port.in.capture.PerformLeadActionUseCase;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.lead.LeadStatus;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code capture_lead}, {@code update_lead} and {@code change_lead_status}: the three agent actions, each one call of
 * {@link PerformLeadActionUseCase} (the use case {@code POST}, {@code PATCH} and {@code PUT .../status} of the agent REST
 * API call), with its targets, dry run and idempotency key.
 */
final class LeadWriteTools {
    private static final Set<LeadField> UPDATABLE = EnumSet.complementOf(EnumSet.of(LeadField.LEAD_ID));
    private static final String OPTIONS = "targets, dryRun, idempotencyKey";

    private final PerformLeadActionUseCase actions;
    private final ToolCalls calls;
    private final TargetNames targetNames;

    LeadWriteTools(PerformLeadActionUseCase actions, ToolCalls calls, TargetNames targetNames) {
        this.actions = actions;
        this.calls = calls;
        this.targetNames = targetNames;
    }

    List<AgentTool> tools() {
        return List.of(capture(), update(), changeStatus());
    }

    private AgentTool capture() {
        Map<String, Object> properties = new LinkedHashMap<>(ToolSchemas.leadFields(EnumSet.allOf(LeadField.class)));
        ToolSchemas.actionOptions(properties, true);
        Tool tool = Tool.builder("capture_lead", ToolSchemas.object(properties, List.of("leadId")))
                .title("Capture a lead")
                .description("Create a lead, or update it if this workspace already has one with this leadId (your "
                        + "product's own id for the person). lastName is required for a new lead. Fields left out stay "
                        + "as they are; null clears one. LeadSync stores the lead and sends it to the workspace's CRMs "
                        + "(or to the targets you name). Answers the lead, which fields changed, a trackingId, the rule "
                        + "that chose the CRMs (routedBy) and per target QUEUED or SKIPPED with the reason; with "
                        + "dryRun=true, what each CRM would receive, writing nothing.")
                .annotations(new ToolAnnotations("Capture a lead", false, false, true, true, null)).build();
        return new DefinedTool(tool, (agent, args) -> act(agent, "capture_lead", args, LeadActionCommand.Write.CAPTURE));
    }

    private AgentTool update() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("leadId", ToolSchemas.string("The lead to change: " + LeadField.LEAD_ID.rule()));
        properties.putAll(ToolSchemas.leadFields(UPDATABLE));
        ToolSchemas.actionOptions(properties, true);
        Tool tool = Tool.builder("update_lead", ToolSchemas.object(properties, List.of("leadId")))
                .title("Update a lead")
                .description("Change some fields of an existing lead: fields left out stay, null clears one. Fails "
                        + "if the workspace has no lead with this leadId (use capture_lead to create). The change "
                        + "goes to the CRMs the routing rules or your targets choose. Answers like capture_lead.")
                .annotations(new ToolAnnotations("Update a lead", false, false, true, true, null)).build();
        return new DefinedTool(tool, (agent, args) -> act(agent, "update_lead", args, LeadActionCommand.Write.PATCH));
    }

    private AgentTool changeStatus() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("leadId", ToolSchemas.string("The lead to move: " + LeadField.LEAD_ID.rule()));
        properties.put("status", ToolSchemas.enumOf(Arrays.stream(LeadStatus.values()).map(Enum::name).toList(),
                "The lead's new status."));
        ToolSchemas.actionOptions(properties, true);
        Tool tool = Tool.builder("change_lead_status", ToolSchemas.object(properties, List.of("leadId", "status")))
                .title("Change a lead's status")
                .description("Move an existing lead to another status (e.g. CONTACTED after a first e-mail, "
                        + "MEETING_BOOKED, QUALIFIED, DISQUALIFIED). The workspace may route status changes to their "
                        + "own CRMs. Answers like capture_lead.")
                .annotations(new ToolAnnotations("Change a lead's status", false, false, true, true, null)).build();
        return new DefinedTool(tool, (agent, args) -> act(agent, "change_lead_status", args,
                LeadActionCommand.Write.STATUS));
    }

    private CallToolResult act(AgentPrincipal agent, String name, Map<String, Object> raw,
                               LeadActionCommand.Write write) {
        ToolArguments args = new ToolArguments(raw);
        Set<String> known = new HashSet<>(Set.of("leadId", ToolSchemas.TARGETS, ToolSchemas.DRY_RUN,
                ToolSchemas.IDEMPOTENCY_KEY));
        Set<LeadField> fields = write == LeadActionCommand.Write.STATUS ? Set.of() : UPDATABLE;
        fields.forEach(field -> known.add(field.apiName()));
        if (write == LeadActionCommand.Write.STATUS) {
            known.add("status");
        }
        args.onlyThese(known, "leadId, " + (write == LeadActionCommand.Write.STATUS ? "status"
                : "the lead fields") + ", " + OPTIONS);
        Optional<LeadId> leadId = args.leadId();
        Map<LeadField, String> values = new LinkedHashMap<>(args.leadFields(write == LeadActionCommand.Write.CAPTURE,
                fields));
        Optional<LeadStatus> status = write == LeadActionCommand.Write.STATUS ? status(args) : Optional.empty();
        List<String> targets = args.strings(ToolSchemas.TARGETS);
        boolean dryRun = args.flag(ToolSchemas.DRY_RUN);
        Optional<String> key = args.text(ToolSchemas.IDEMPOTENCY_KEY);
        if (!args.valid()) {
            return calls.results().invalid("The call has invalid arguments", args.violations());
        }
        if (write == LeadActionCommand.Write.CAPTURE) {
            values.put(LeadField.LEAD_ID, leadId.orElseThrow().value());
        }
        LeadActionCommand command = new LeadActionCommand(agent.workspaceId(), agent.actor(), write, leadId.orElseThrow(),
                values, status, targetNames.resolve(agent.workspaceId(), targets), dryRun);
        Optional<String> idempotencyKey = dryRun ? Optional.empty() : key;
        return calls.idempotent(agent, name, raw, idempotencyKey, () -> {
            LeadActionResult result = actions.perform(command);
            if (!dryRun) {
                calls.audit(agent, name, command.leadId(), result.outcome().lead().agentId().map(a -> a.value()),
                        outcome(result));
            }
            return calls.results().ok(Answers.action(result, dryRun));
        });
    }

    private static Optional<LeadStatus> status(ToolArguments args) {
        Optional<String> text = args.text("status");
        if (text.isEmpty()) {
            if (args.violations().stream().noneMatch(v -> v.field().equals("status"))) {
                args.refuse("status", "is required; " + LeadField.STATUS.rule());
            }
            return Optional.empty();
        }
        try {
            Optional<LeadStatus> status = LeadField.STATUS.normalise(text.get()).map(LeadStatus::valueOf);
            if (status.isEmpty()) {
                args.refuse("status", "is required; " + LeadField.STATUS.rule());
            }
            return status;
        } catch (io.leadsync.domain.lead.InvalidLeadException e) {
            args.refuse("status", e.violations().get(0).rule());
            return Optional.empty();
        }
    }

    private static String outcome(LeadActionResult result) {
        String changed = result.outcome().changes().stream().map(c -> c.field().apiName())
                .collect(Collectors.joining(", "));
        return (result.outcome().created() ? "created" : result.outcome().changed() ? "changed " + changed
                : "unchanged") + "; tracking " + result.trackingId().map(Object::toString).orElse("-") + "; routed by "
                + result.rule() + " to " + result.targets().stream().map(t -> t.kind().name())
                .collect(Collectors.joining(", "));
    }
}
