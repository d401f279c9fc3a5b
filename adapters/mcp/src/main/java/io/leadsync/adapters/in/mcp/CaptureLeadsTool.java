package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.CaptureBatchCommand;
import io.leadsync.application.port.in.capture.CaptureBatchResult;
import io.leadsync.application.port.in.capture.CaptureLeadsUseCase;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code capture_leads}: up to 100 leads in one call of {@link CaptureLeadsUseCase}, the use case {@code POST
 * /api/v1/leads/batch} calls (ADR 0102). Each lead's arguments are checked as {@code capture_lead} checks them, and a
 * bad one is named by its place ({@code leads[3].workEmail}); the answer gives each lead's outcome in order.
 */
final class CaptureLeadsTool {
    static final String NAME = "capture_leads";
    private static final String LEADS = "leads";
    private static final String ALL_OR_NONE = "allOrNone";

    private final CaptureLeadsUseCase capture;
    private final ToolCalls calls;
    private final TargetNames targetNames;

    CaptureLeadsTool(CaptureLeadsUseCase capture, ToolCalls calls, TargetNames targetNames) {
        this.capture = capture;
        this.calls = calls;
        this.targetNames = targetNames;
    }

    AgentTool tool() {
        Map<String, Object> lead = ToolSchemas.object(ToolSchemas.leadFields(EnumSet.allOf(LeadField.class)),
                List.of("leadId"));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(LEADS, Map.of("type", "array", "minItems", 1, "maxItems", CaptureLeadsUseCase.MAX_LEADS,
                "items", lead, "description", "1 to " + CaptureLeadsUseCase.MAX_LEADS + " leads, each as "
                        + "capture_lead takes one"));
        properties.put(ALL_OR_NONE, Map.of("type", "boolean", "description", "true: if any lead is refused, write "
                + "none of them. Default false: the others are written."));
        ToolSchemas.actionOptions(properties, false);
        Tool tool = Tool.builder(NAME, ToolSchemas.object(properties, List.of(LEADS)))
                .title("Capture many leads")
                .description("Create or update up to " + CaptureLeadsUseCase.MAX_LEADS + " leads at once, each exactly "
                        + "as capture_lead would (by leadId; lastName required for a new lead). Use it when you have "
                        + "a list. Answers each lead's outcome in order (CREATED, UPDATED, UNCHANGED, or REFUSED with "
                        + "the reason and the fields, e.g. leads[3].workEmail) with its trackingId. A refused lead "
                        + "does not stop the others unless allOrNone is true.")
                .annotations(new ToolAnnotations("Capture many leads", false, false, true, true, null)).build();
        return new DefinedTool(tool, this::call);
    }

    private CallToolResult call(AgentPrincipal agent, Map<String, Object> raw) {
        ToolArguments args = new ToolArguments(raw);
        args.onlyThese(Set.of(LEADS, ALL_OR_NONE, ToolSchemas.TARGETS, ToolSchemas.IDEMPOTENCY_KEY),
                "leads, allOrNone, targets, idempotencyKey");
        boolean allOrNone = args.flag(ALL_OR_NONE);
        List<String> targets = args.strings(ToolSchemas.TARGETS);
        Optional<String> key = args.text(ToolSchemas.IDEMPOTENCY_KEY);
        List<CaptureBatchCommand.Item> items = new ArrayList<>();
        List<Integer> places = new ArrayList<>();
        Map<Integer, List<FieldViolation>> refused = new java.util.TreeMap<>();
        Object leads = raw == null ? null : raw.get(LEADS);
        if (!(leads instanceof List<?> list) || list.isEmpty() || list.size() > CaptureLeadsUseCase.MAX_LEADS) {
            args.refuse(LEADS, "must be an array of 1 to " + CaptureLeadsUseCase.MAX_LEADS + " leads"
                    + (leads instanceof List<?> many && many.size() > CaptureLeadsUseCase.MAX_LEADS
                    ? ", not " + many.size() + "; split them into several calls" : ""));
        } else {
            for (int i = 0; i < list.size(); i++) {
                read(list.get(i), i, items, places, refused);
            }
        }
        if (!args.valid() || allOrNone && !refused.isEmpty()) {
            List<FieldViolation> all = new ArrayList<>(args.violations());
            refused.values().forEach(all::addAll);
            return calls.results().invalid("The call has invalid arguments", all);
        }
        List<String> resolved = targetNames.resolve(agent.workspaceId(), targets);
        return calls.idempotent(agent, NAME, raw, key, () -> {
            CaptureBatchResult result = items.isEmpty() ? new CaptureBatchResult(List.of(), false)
                    : capture.capture(new CaptureBatchCommand(agent.workspaceId(), agent.actor(), items, resolved,
                    allOrNone));
            if (allOrNone && !result.written()) {
                return calls.results().invalid("A lead was refused and allOrNone is true", placed(result, places));
            }
            result.leads().stream().filter(item -> item.refusal().isEmpty()).forEach(item -> calls.audit(agent, NAME,
                    item.leadId(), item.lead().flatMap(lead -> lead.agentId()).map(id -> id.value()),
                    item.outcome().name().toLowerCase(java.util.Locale.ROOT) + " in a batch; tracking "
                            + item.trackingId().map(Object::toString).orElse("-")));
            return calls.results().ok(answer(places, refused, result));
        });
    }

    /** One entry of {@code leads}: its fields checked as capture_lead checks them, errors named by place. */
    private static void read(Object entry, int place, List<CaptureBatchCommand.Item> items, List<Integer> places,
                             Map<Integer, List<FieldViolation>> refused) {
        String prefix = "leads[" + place + "]";
        if (!(entry instanceof Map<?, ?> map)) {
            refused.put(place, List.of(new FieldViolation(prefix, "must be an object: one lead, as capture_lead "
                    + "takes it")));
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((name, value) -> fields.put(String.valueOf(name), value));
        ToolArguments lead = new ToolArguments(fields);
        Set<String> known = new java.util.HashSet<>();
        for (LeadField field : LeadField.values()) {
            known.add(field.apiName());
        }
        lead.onlyThese(known, "the lead fields");
        Optional<LeadId> leadId = lead.leadId();
        Map<LeadField, String> values = new LinkedHashMap<>(lead.leadFields(true,
                EnumSet.complementOf(EnumSet.of(LeadField.LEAD_ID))));
        if (!lead.valid()) {
            refused.put(place, lead.violations().stream().map(v -> new FieldViolation(prefix + "." + v.field(),
                    v.rule())).toList());
            return;
        }
        values.put(LeadField.LEAD_ID, leadId.orElseThrow().value());
        items.add(new CaptureBatchCommand.Item(leadId.get(), values));
        places.add(place);
    }

    private static List<FieldViolation> placed(CaptureBatchResult result, List<Integer> places) {
        List<FieldViolation> all = new ArrayList<>();
        for (int k = 0; k < result.leads().size(); k++) {
            int place = places.get(k);
            result.leads().get(k).violations().forEach(v ->
                    all.add(new FieldViolation("leads[" + place + "]." + v.field(), v.rule())));
        }
        return all;
    }

    private static Map<String, Object> answer(List<Integer> places, Map<Integer, List<FieldViolation>> refused,
                                              CaptureBatchResult result) {
        Map<Integer, Map<String, Object>> byPlace = new java.util.TreeMap<>();
        refused.forEach((place, violations) -> {
            Map<String, Object> item = refusedEntry(place, "INVALID");
            violations.forEach(v -> errors(item).add(Map.of("field", v.field(), "rule", v.rule())));
            byPlace.put(place, item);
        });
        for (int k = 0; k < result.leads().size(); k++) {
            CaptureBatchResult.Item outcome = result.leads().get(k);
            int place = places.get(k);
            Map<String, Object> item;
            if (outcome.refusal().isPresent()) {
                item = refusedEntry(place, outcome.refusal().get().name());
                outcome.duplicateOf().ifPresent(id -> item.put("duplicateOf", id.value()));
                outcome.violations().forEach(v -> errors(item).add(Map.of("field", "leads[" + place + "]."
                        + v.field(), "rule", v.rule())));
            } else {
                item = new LinkedHashMap<>();
                item.put("index", place);
                item.put("outcome", outcome.outcome().name());
                outcome.trackingId().ifPresent(id -> item.put("trackingId", id.toString()));
                outcome.rule().ifPresent(rule -> item.put("routedBy", rule));
                item.put("targets", outcome.targets().stream().map(target -> Map.of("connectionId",
                        target.connectionId().toString(), "kind", target.kind().name())).toList());
            }
            item.put("leadId", outcome.leadId().value());
            byPlace.put(place, item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        for (CaptureBatchResult.Outcome outcome : CaptureBatchResult.Outcome.values()) {
            answer.put(outcome.name().toLowerCase(java.util.Locale.ROOT), byPlace.values().stream()
                    .filter(item -> outcome.name().equals(item.get("outcome"))).count());
        }
        answer.put("leads", new ArrayList<>(byPlace.values()));
        return answer;
    }

    private static Map<String, Object> refusedEntry(int place, String reason) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("index", place);
        item.put("outcome", CaptureBatchResult.Outcome.REFUSED.name());
        item.put("reason", reason);
        item.put("errors", new ArrayList<Map<String, Object>>());
        return item;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(Map<String, Object> item) {
        return (List<Map<String, Object>>) item.get("errors");
    }
}
