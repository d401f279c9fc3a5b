package io.leadsync.adapters.in.http.agent;

import io.leadsync.application.port.in.capture.LeadPage;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.micronaut.json.tree.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes leads as the agent API shows them: every catalog field under its API name in its JSON type (null when it
 * has no value), then the lead's version and instants, and when each field last changed.
 */
final class LeadResponseMapper {
    private LeadResponseMapper() {
    }

    static JsonNode toJson(Lead lead) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        Map<String, JsonNode> changedAt = new LinkedHashMap<>();
        for (LeadField field : LeadField.values()) {
            members.put(field.apiName(), value(field, lead.value(field)));
            lead.changedAt(field).ifPresent(at -> changedAt.put(field.apiName(), instant(at)));
        }
        members.put(LeadField.STATUS.apiName(), JsonNode.createStringNode(lead.status().name()));
        members.put("version", JsonNode.createNumberNode(lead.version()));
        members.put("createdAt", instant(lead.createdAt()));
        members.put("updatedAt", instant(lead.updatedAt()));
        members.put("changedAt", JsonNode.createObjectNode(changedAt));
        return JsonNode.createObjectNode(members);
    }

    /** A lead after a write, with the API names of the fields the write changed (none when it changed nothing). */
    /**
     * The lead with {@code conversions}: per connection whose CRM record a rep converted, the Contact and Account it
     * became (LeadSync writes the lead there from then on). An empty array when no rep converted it.
     */
    static JsonNode withConversions(JsonNode lead, List<io.leadsync.application.port.in.pull.LeadLinksUseCase.LeadLink> links) {
        java.util.Map<String, JsonNode> members = new java.util.LinkedHashMap<>();
        lead.entries().forEach(entry -> members.put(entry.getKey(), entry.getValue()));
        members.put("conversions", JsonNode.createArrayNode(links.stream().filter(link -> link.conversion().isPresent())
                .map(link -> {
                    io.leadsync.domain.crm.CrmConversion conversion = link.conversion().get();
                    java.util.Map<String, JsonNode> row = new java.util.LinkedHashMap<>();
                    row.put("connectionId", JsonNode.createStringNode(link.connectionId().value().toString()));
                    row.put("convertedRecordId", JsonNode.createStringNode(conversion.convertedRecordId()));
                    row.put("contactId", JsonNode.createStringNode(conversion.contactId()));
                    row.put("accountId", conversion.accountId().map(JsonNode::createStringNode)
                            .orElse(JsonNode.nullNode()));
                    row.put("convertedOn", conversion.convertedOn().map(d -> JsonNode.createStringNode(d.toString()))
                            .orElse(JsonNode.nullNode()));
                    return JsonNode.createObjectNode(row);
                }).toList()));
        return JsonNode.createObjectNode(members);
    }

    static JsonNode toJson(Lead lead, List<FieldChange> changes) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        toJson(lead).entries().forEach(member -> members.put(member.getKey(), member.getValue()));
        members.put("changedFields", JsonNode.createArrayNode(changes.stream()
                .map(change -> JsonNode.createStringNode(change.field().apiName())).toList()));
        return JsonNode.createObjectNode(members);
    }

    /** A page of leads, with the link to the next page or null on the last one. */
    static JsonNode toJson(LeadPage page, Optional<String> next) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        members.put("leads", JsonNode.createArrayNode(page.leads().stream().map(LeadResponseMapper::toJson).toList()));
        members.put("page", JsonNode.createNumberNode(page.page()));
        members.put("size", JsonNode.createNumberNode(page.size()));
        members.put("total", JsonNode.createNumberNode(page.total()));
        members.put("next", next.map(JsonNode::createStringNode).orElse(JsonNode.nullNode()));
        return JsonNode.createObjectNode(members);
    }

    private static JsonNode value(LeadField field, Optional<String> canonical) {
        if (canonical.isEmpty()) {
            return JsonNode.nullNode();
        }
        String text = canonical.get();
        return switch (field.type().jsonKind()) {
            case STRING -> JsonNode.createStringNode(text);
            case INTEGER -> JsonNode.createNumberNode(Long.parseLong(text));
            case BOOLEAN -> JsonNode.createBooleanNode(Boolean.parseBoolean(text));
        };
    }

    private static JsonNode instant(Instant instant) {
        return JsonNode.createStringNode(LeadField.canonicalInstant(instant));
    }
}
