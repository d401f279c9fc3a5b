package io.leadsync.domain.crm;

import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One lead in one connection: the CRM record's id and the last value synced for every mapped field, the merge base.
 * A field absent from {@link #lastSynced()} was synced as "no value".
 */
public record CrmLink(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId, String crmRecordId,
                      Map<LeadField, String> lastSynced, Optional<Instant> crmModifiedAt, Instant lastSyncedAt,
                      boolean deletedInCrm) {
    public CrmLink {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(crmModifiedAt, "crmModifiedAt");
        Objects.requireNonNull(lastSyncedAt, "lastSyncedAt");
        if (crmRecordId == null || crmRecordId.isBlank()) {
            throw new IllegalArgumentException("a CRM link needs the CRM record id");
        }
        EnumMap<LeadField, String> copy = new EnumMap<>(LeadField.class);
        copy.putAll(lastSynced);
        lastSynced = Collections.unmodifiableMap(copy);
    }

    /** The merge base of one field: what both sides held after the last sync. */
    public Optional<String> base(LeadField field) {
        return Optional.ofNullable(lastSynced.get(field));
    }

    /** This link after a sync that left {@code values} on both sides. */
    public CrmLink synced(Map<LeadField, String> values, Optional<Instant> crmModifiedAt, Instant now) {
        return new CrmLink(workspaceId, connectionId, leadId, crmRecordId, values, crmModifiedAt, now, false);
    }

    public CrmLink markDeletedInCrm(Instant now) {
        return new CrmLink(workspaceId, connectionId, leadId, crmRecordId, lastSynced, crmModifiedAt, now, true);
    }
}
