package io.leadsync.adapters.in.http.agent;

import io.leadsync.application.port.in.capture.ActionReport;
import io.leadsync.application.port.in.capture.LeadActionResult;
import io.micronaut.json.tree.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Actions as the agent API shows them: the lead with its tracking id and targets, and a tracked action's outcome. */
final class ActionJson {
    private ActionJson() {
    }

    /** The lead as before, then {@code trackingId}, {@code routedBy}, {@code targets} and, for a dry run, {@code dryRun}. */
    static JsonNode toJson(LeadActionResult result, boolean dryRun) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        LeadResponseMapper.toJson(result.outcome().lead(), result.outcome().changes()).entries()
                .forEach(member -> members.put(member.getKey(), member.getValue()));
        if (dryRun) {
            members.put("dryRun", JsonNode.createBooleanNode(true));
        } else {
            members.put("trackingId", JsonNode.createStringNode(result.trackingId().orElseThrow().toString()));
        }
        members.put("routedBy", JsonNode.createStringNode(result.rule()));
        members.put("targets", JsonNode.createArrayNode(result.targets().stream().map(target -> {
            Map<String, JsonNode> item = new LinkedHashMap<>();
            item.put("connectionId", JsonNode.createStringNode(target.connectionId().toString()));
            item.put("kind", JsonNode.createStringNode(target.kind().name()));
            if (target.preview().isPresent()) {
                LeadActionResult.Preview preview = target.preview().get();
                item.put("operation", JsonNode.createStringNode(preview.operation()));
                put(item, "expect", preview.expect());
                put(item, "externalIdField", preview.externalIdField());
                put(item, "crmRecordId", preview.crmRecordId());
                put(item, "reason", preview.reason());
                Map<String, JsonNode> payload = new LinkedHashMap<>();
                preview.payload().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(field ->
                        payload.put(field.getKey(), value(field.getValue())));
                item.put("payload", JsonNode.createObjectNode(payload));
            } else {
                item.put("status", JsonNode.createStringNode(result.outcome().changed()
                        ? ActionReport.Status.QUEUED.name() : ActionReport.Status.SKIPPED.name()));
            }
            return JsonNode.createObjectNode(item);
        }).toList()));
        return JsonNode.createObjectNode(members);
    }

    static JsonNode toJson(ActionReport report) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("trackingId", JsonNode.createStringNode(report.trackingId().toString()));
        members.put("action", JsonNode.createStringNode(report.action()));
        members.put("leadId", JsonNode.createStringNode(report.leadId()));
        members.put("leadVersion", JsonNode.createNumberNode(report.leadVersion()));
        members.put("routedBy", JsonNode.createStringNode(report.rule()));
        members.put("performedAt", JsonNode.createStringNode(report.performedAt().toString()));
        members.put("targets", JsonNode.createArrayNode(report.targets().stream().map(target -> {
            Map<String, JsonNode> item = new LinkedHashMap<>();
            item.put("connectionId", JsonNode.createStringNode(target.connectionId().toString()));
            item.put("kind", JsonNode.createStringNode(target.kind().name()));
            item.put("status", JsonNode.createStringNode(target.status().name()));
            put(item, "reason", target.reason());
            put(item, "crmRecordId", target.crmRecordId());
            return JsonNode.createObjectNode(item);
        }).toList()));
        return JsonNode.createObjectNode(members);
    }

    /** A payload value as the CRM adapter types it. */
    private static JsonNode value(Object value) {
        if (value == null) {
            return JsonNode.nullNode();
        }
        if (value instanceof Boolean flag) {
            return JsonNode.createBooleanNode(flag);
        }
        if (value instanceof java.math.BigDecimal number) {
            return JsonNode.createNumberNode(number);
        }
        if (value instanceof Long number) {
            return JsonNode.createNumberNode(number);
        }
        if (value instanceof Integer number) {
            return JsonNode.createNumberNode(number);
        }
        return JsonNode.createStringNode(value.toString());
    }

    private static void put(Map<String, JsonNode> members, String name, Optional<String> value) {
        value.ifPresent(text -> members.put(name, JsonNode.createStringNode(text)));
    }
}
