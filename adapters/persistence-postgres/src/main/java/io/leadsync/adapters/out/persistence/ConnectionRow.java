package io.leadsync.adapters.out.persistence;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of {@code crm_connections}; settings and mappings are jsonb documents of the nested records. */
record ConnectionRow(UUID id, UUID workspaceId, String kind, String state, String stateReason, String identityEmail,
                     String identityOrgName, String identityOrgId, String identityInstance, String identityUserId, SettingsDocument settings,
                     List<MappingDocument> mappings, List<ProblemDocument> readiness, Instant createdAt,
                     Instant updatedAt) {

    @Serdeable
    record SettingsDocument(String frequency, String direction, String conflictPolicy, boolean createRecordsInCrm,
                            boolean createLeadsFromCrm, String targetObject,
                            @io.micronaut.core.annotation.Nullable String loginHost,
                            @io.micronaut.core.annotation.Nullable String myDomainUrl,
                            @io.micronaut.core.annotation.Nullable Boolean pageLayouts,
                            @io.micronaut.core.annotation.Nullable Boolean createAccountsInCrm,
                            @io.micronaut.core.annotation.Nullable Boolean assignmentRules) {
    }

    /** One readiness problem; a ready connection has an empty list, an unchecked one none at all (null). */
    @Serdeable
    record ProblemDocument(String kind, String crmField, String detail, String fix) {
    }

    @Serdeable
    record MappingDocument(String appField, String crmField, String direction, String conflictOverride) {
    }
}
