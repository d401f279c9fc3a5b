package io.leadsync.adapters.out.persistence;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of {@code crm_connections}; settings and mappings are jsonb documents of the nested records. */
record ConnectionRow(UUID id, UUID workspaceId, String kind, String state, String stateReason, String identityEmail,
                     String identityOrgName, String identityOrgId, String identityInstance, String identityUserId, SettingsDocument settings,
                     List<MappingDocument> mappings, Instant createdAt, Instant updatedAt) {

    @Serdeable
    record SettingsDocument(String frequency, String direction, String conflictPolicy, boolean createRecordsInCrm,
                            boolean createLeadsFromCrm, String targetObject) {
    }

    @Serdeable
    record MappingDocument(String appField, String crmField, String direction, String conflictOverride) {
    }
}
