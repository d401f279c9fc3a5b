package io.leadsync.application.port.in.capture;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an agent action did (or, for a dry run, would do): the lead, the targets and the rule that chose them, and the
 * tracking id under which its per-target outcome can be read back (none for a dry run, which records nothing).
 */
public record LeadActionResult(Optional<UUID> trackingId, LeadOutcome outcome, String rule, List<Target> targets) {
    /**
     * One target. {@code preview}: for a dry run, what LeadSync would send it.
     */
    public record Target(ConnectionId connectionId, CrmKind kind, Optional<Preview> preview) {
        public Target {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(preview, "preview");
        }
    }

    /**
     * What a dry run found LeadSync would do at one target. {@code operation}: {@code UPSERT_BY_EXTERNAL_ID} (by
     * {@code externalIdField}; {@code expect} says whether that creates or updates as far as LeadSync knows),
     * {@code UPDATE_BY_ID} (a record a rep made, linked by email, written by its CRM id), or {@code SKIP} with the
     * {@code reason}. {@code payload}: the CRM's field names and the values sent, typed as the CRM adapter sends them
     * (text, number or boolean; null or empty clears the field).
     */
    public record Preview(String operation, Optional<String> expect, Optional<String> externalIdField,
                          Optional<String> crmRecordId, Map<String, Object> payload, Optional<String> reason) {
        public Preview {
            Objects.requireNonNull(operation, "operation");
            payload = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(payload));
        }
    }

    public LeadActionResult {
        Objects.requireNonNull(trackingId, "trackingId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rule, "rule");
        targets = List.copyOf(targets);
    }
}
