package io.leadsync.adapters.out.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A row of {@code leads}: field values, change instants and clear instants by field api name, plus the columns the
 * list filters use.
 */
record LeadRow(UUID workspaceId, String leadId, String lastName, String workEmail, String status, String agentId,
               Instant createdAt, Instant updatedAt, long version, Map<String, String> values,
               Map<String, String> changedAt, Map<String, String> clearedAt) {
}
