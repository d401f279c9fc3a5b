package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The org's standard Lead duplicate rule, matching on e-mail and blocking the save; off at reset. */
final class LeadDuplicateRule {

    private boolean active;

    void active(boolean active) {
        this.active = active;
    }

    boolean active() {
        return active;
    }

    /**
     * With the duplicate rule on, a Lead saved with the e-mail of another live Lead is blocked, as Salesforce's
     * Standard_Lead_Duplicate_Rule set to Block does: {@code DUPLICATES_DETECTED} with every match in its
     * {@code duplicateResult}. It runs when a Lead is created and when an edit sets its e-mail.
     */
    Optional<ApiError> check(SObjectSchema schema, Map<String, JsonNode> values, ObjectNode stored,
            Collection<ObjectNode> leads) {
        if (!active || !"Lead".equals(schema.name())) {
            return Optional.empty();
        }
        JsonNode email = values.get("Email");
        if (email == null || email.isNull() || email.asText().isBlank()) {
            return Optional.empty();
        }
        String selfId = stored == null ? null : stored.get("Id").textValue();
        List<ObjectNode> matches = leads.stream()
                .filter(r -> !r.path("IsDeleted").asBoolean())
                .filter(r -> !r.get("Id").textValue().equals(selfId))
                .filter(r -> r.hasNonNull("Email") && r.get("Email").asText().equalsIgnoreCase(email.asText()))
                .toList();
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode result = Json.object();
        result.put("allowSave", false);
        result.put("duplicateRule", "Standard_Lead_Duplicate_Rule");
        result.put("duplicateRuleEntityType", "Lead");
        result.put("errorMessage", "Use one of these records?");
        ObjectNode match = result.putArray("matchResults").addObject();
        match.put("entityType", "Lead");
        match.putArray("errors");
        match.put("matchEngine", "ExactMatchEngine");
        var records = match.putArray("matchRecords");
        for (ObjectNode found : matches) {
            ObjectNode record = records.addObject();
            record.putArray("additionalInformation");
            record.putArray("fieldDiffs");
            record.put("matchConfidence", 100.0);
            ObjectNode shown = record.putObject("record");
            shown.putObject("attributes").put("type", "Lead").put("url", "/services/data/v62.0/sobjects/Lead/"
                    + found.get("Id").textValue());
            shown.put("Id", found.get("Id").textValue());
        }
        match.put("rule", "Standard_Lead_Match_Rule_v1_0");
        match.put("size", matches.size());
        match.put("success", true);
        return Optional.of(ApiError.duplicates(result));
    }
}
