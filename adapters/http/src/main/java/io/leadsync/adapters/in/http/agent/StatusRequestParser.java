package io.leadsync.adapters.in.http.agent;

import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadStatus;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads {@code {"status": "QUALIFIED"}}; any other member, or a missing, null or unknown status, is refused. */
final class StatusRequestParser {
    private StatusRequestParser() {
    }

    /** @throws InvalidLeadException listing every bad member */
    static LeadStatus parse(JsonNode body) {
        String name = LeadField.STATUS.apiName();
        List<FieldViolation> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : body.entries()) {
            if (!member.getKey().equals(name)) {
                violations.add(new FieldViolation(member.getKey(), "is not accepted here; send only " + name));
            }
        }
        JsonNode value = body.get(name);
        LeadStatus status = null;
        if (value == null || value.isNull()) {
            violations.add(new FieldViolation(name, "is required; " + LeadField.STATUS.rule()));
        } else if (!value.isString()) {
            violations.add(new FieldViolation(name, "must be a JSON string; " + LeadField.STATUS.rule()));
        } else {
            try {
                status = LeadField.STATUS.normalise(value.getStringValue()).map(LeadStatus::valueOf).orElse(null);
                if (status == null) {
                    violations.add(new FieldViolation(name, "is required; " + LeadField.STATUS.rule()));
                }
            } catch (InvalidLeadException e) {
                violations.addAll(e.violations());
            }
        }
        if (!violations.isEmpty()) {
            violations.sort((a, b) -> a.field().compareTo(b.field()));
            throw new InvalidLeadException(violations);
        }
        return status;
    }
}
