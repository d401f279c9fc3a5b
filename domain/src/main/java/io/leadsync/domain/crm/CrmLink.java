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
                      boolean deletedInCrm, Optional<CrmConversion> conversion) {
    public CrmLink {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(crmModifiedAt, "crmModifiedAt");
        Objects.requireNonNull(lastSyncedAt, "lastSyncedAt");
        Objects.requireNonNull(conversion, "conversion");
        if (crmRecordId == null || crmRecordId.isBlank()) {
            throw new IllegalArgumentException("a CRM link needs the CRM record id");
        }
        EnumMap<LeadField, String> copy = new EnumMap<>(LeadField.class);
        copy.putAll(lastSynced);
        lastSynced = Collections.unmodifiableMap(copy);
    }

    /** A link to a record that was never converted. */
    public CrmLink(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId, String crmRecordId,
                   Map<LeadField, String> lastSynced, Optional<Instant> crmModifiedAt, Instant lastSyncedAt,
                   boolean deletedInCrm) {
        this(workspaceId, connectionId, leadId, crmRecordId, lastSynced, crmModifiedAt, lastSyncedAt, deletedInCrm,
                Optional.empty());
    }

    /** The merge base of one field: what both sides held after the last sync. */
    public Optional<String> base(LeadField field) {
        return Optional.ofNullable(lastSynced.get(field));
    }

    /** This link after a sync that left {@code values} on both sides. */
    public CrmLink synced(Map<LeadField, String> values, Optional<Instant> crmModifiedAt, Instant now) {
        return new CrmLink(workspaceId, connectionId, leadId, crmRecordId, values, crmModifiedAt, now, false,
                conversion);
    }

    public CrmLink markDeletedInCrm(Instant now) {
        return new CrmLink(workspaceId, connectionId, leadId, crmRecordId, lastSynced, crmModifiedAt, now, true,
                conversion);
    }

    /**
     * This link once its record was converted: it names the Contact from now on. The merge base is dropped, so the
     * next write sends the lead whole to the Contact by its id (stamping LeadSync's lead id into it): the Contact
     * holds what the conversion copied, not necessarily every field LeadSync maps.
     */
    public CrmLink converted(CrmConversion conversion, Instant now) {
        Objects.requireNonNull(conversion, "conversion");
        return new CrmLink(workspaceId, connectionId, leadId, conversion.contactId(), Map.of(), Optional.empty(), now,
                false, Optional.of(conversion));
    }

    /**
     * This link once a rep merged its record into {@code masterRecordId}: it follows the master. The merge base stays
     * (what the rep kept on the master differs from it, so the next pull takes it as the rep's edit), except the lead
     * id: the master may not carry it, so the next write goes to the master by its id and stamps it.
     */
    public CrmLink mergedInto(String masterRecordId, Instant now) {
        if (masterRecordId == null || masterRecordId.isBlank()) {
            throw new IllegalArgumentException("a merge names the master record");
        }
        Map<LeadField, String> base = new EnumMap<>(LeadField.class);
        base.putAll(lastSynced);
        base.remove(LeadField.LEAD_ID);
        return new CrmLink(workspaceId, connectionId, leadId, masterRecordId, base, Optional.empty(), now, false,
                conversion);
    }

    /** Whether writes go to the linked record by its id rather than by LeadSync's lead id. */
    public boolean writesById() {
        return !deletedInCrm && (conversion.isPresent() || base(LeadField.LEAD_ID).isEmpty());
    }

    /** The error code under which the ledger groups records refused because another lead's link names them. */
    public static final String CONFLICT_CODE = "LINK_CONFLICT";

    /**
     * Why {@code leadId} was not linked to the record {@code crmRecordId} that {@code other}'s link names: one CRM
     * record belongs to one lead per connection.
     */
    public static String conflictReason(LeadId other, LeadId leadId, String crmRecordId) {
        return CONFLICT_CODE + ": the CRM record " + crmRecordId + " is already linked to lead " + other.value()
                + ", so lead " + leadId.value() + " was not linked to it; if they are one person, merge the leads, "
                + "else give this lead its own record";
    }
}
