package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.LeadActionResult;
import io.leadsync.application.port.in.capture.LoggedActivity;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Leads, actions and activities as the tools answer them: the agent REST API's JSON shapes (field API names, JSON types,
 * {@code trackingId}, {@code routedBy}, per-target status), as plain maps the SDK writes.
 */
final class Answers {
    private Answers() {
    }

    static Map<String, Object> lead(Lead lead) {
        Map<String, Object> members = new LinkedHashMap<>();
        for (LeadField field : LeadField.values()) {
            members.put(field.apiName(), value(field, lead.value(field)));
        }
        members.put(LeadField.STATUS.apiName(), lead.status().name());
        members.put("version", lead.version());
        members.put("createdAt", LeadField.canonicalInstant(lead.createdAt()));
        members.put("updatedAt", LeadField.canonicalInstant(lead.updatedAt()));
        return members;
    }

    /**
     * What an action did, or for a dry run would do: the lead, which fields changed, the tracking id, the rule that
     * chose the targets and, per target, QUEUED / SKIPPED (nothing changed, so nothing to send) or the preview.
     */
    static Map<String, Object> action(LeadActionResult result, boolean dryRun) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("lead", lead(result.outcome().lead()));
        members.put("created", result.outcome().created());
        members.put("changedFields", result.outcome().changes().stream().map(c -> c.field().apiName()).toList());
        if (dryRun) {
            members.put("dryRun", true);
            members.put("note", "A dry run: nothing was written or sent.");
        } else {
            members.put("trackingId", result.trackingId().orElseThrow().toString());
        }
        members.put("routedBy", result.rule());
        members.put("targets", result.targets().stream().map(target -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("connectionId", target.connectionId().toString());
            item.put("kind", target.kind().name());
            if (target.preview().isPresent()) {
                LeadActionResult.Preview preview = target.preview().get();
                item.put("operation", preview.operation());
                preview.expect().ifPresent(expect -> item.put("expect", expect));
                preview.externalIdField().ifPresent(field -> item.put("externalIdField", field));
                preview.crmRecordId().ifPresent(id -> item.put("crmRecordId", id));
                preview.reason().ifPresent(reason -> item.put("reason", reason));
                item.put("payload", new TreeMap<>(preview.payload()));
            } else if (result.outcome().changed()) {
                item.put("status", "QUEUED");
            } else {
                item.put("status", "SKIPPED");
                item.put("reason", "nothing changed, so nothing is sent");
            }
            return item;
        }).toList());
        return members;
    }

    static Map<String, Object> activity(LoggedActivity logged) {
        Map<String, Object> members = new LinkedHashMap<>();
        var activity = logged.activity();
        members.put("activityId", activity.id().toString());
        members.put("leadId", activity.leadId().value());
        members.put("type", activity.type().name());
        members.put("subject", activity.subject());
        members.put("body", activity.body().orElse(null));
        members.put("occurredAt", activity.occurredAt().toString());
        members.put("targets", logged.targets().stream().map(target -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("connectionId", target.connectionId().value().toString());
            row.put("kind", target.kind().name());
            row.put("state", target.state());
            row.put("crmRecordId", target.crmRecordId().orElse(null));
            row.put("reason", target.reason().orElse(null));
            return row;
        }).toList());
        return members;
    }

    private static Object value(LeadField field, Optional<String> canonical) {
        if (canonical.isEmpty()) {
            return null;
        }
        String text = canonical.get();
        return switch (field.type().jsonKind()) {
            case STRING -> text;
            case INTEGER -> Long.parseLong(text);
            case BOOLEAN -> Boolean.parseBoolean(text);
        };
    }
}
