package io.leadsync.application.service;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.workspace.Workspace;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** A lead as the record a connection receives, and the link its successful write leaves behind. */
final class PushRecords {
    static final String NO_WORK_EMAIL = "no work email: CRMs match and route leads by email";

    private PushRecords() {
    }

    /** The fields the connection pushes (per-field direction within the connection's), by LeadSync's lead id. */
    static CrmRecord record(Lead lead, CrmConnection connection, Workspace workspace) {
        return record(lead, connection, workspace, Optional.empty());
    }

    /**
     * As {@link #record(Lead, CrmConnection, Workspace)}, written to the linked CRM record by its id when that record
     * was linked by a pull and has not been stamped with LeadSync's lead id yet (its merge base has no lead id).
     */
    static CrmRecord record(Lead lead, CrmConnection connection, Workspace workspace, Optional<CrmLink> link) {
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        for (FieldMapping mapping : connection.mappings()) {
            SyncDirection direction = mapping.direction().narrowedBy(connection.settings().direction());
            if (direction != null && direction.allowsPush()) {
                values.put(mapping.appField(), lead.value(mapping.appField()));
            }
        }
        if (values.containsKey(LeadField.LEAD_SOURCE)) {
            // The CRM's lead source names the product that found the lead.
            values.put(LeadField.LEAD_SOURCE, Optional.of(workspace.productName()));
        }
        values.put(LeadField.LEAD_ID, Optional.of(lead.id().value()));
        Optional<String> unstamped = link.filter(l -> !l.deletedInCrm() && l.base(LeadField.LEAD_ID).isEmpty())
                .map(CrmLink::crmRecordId);
        return new CrmRecord(lead.id(), values, unstamped);
    }

    /**
     * After a successful write the values sent are the merge base: what both sides now hold, so the same values
     * coming back on a pull are recognised as LeadSync's own echo.
     */
    static CrmLink link(Workspace workspace, CrmConnection connection, CrmRecord record, UpsertResult result,
                        Instant now) {
        Map<LeadField, String> base = new EnumMap<>(LeadField.class);
        record.values().forEach((field, value) -> value.ifPresent(v -> base.put(field, v)));
        return new CrmLink(workspace.id(), connection.id(), record.leadId(), result.crmRecordId().orElseThrow(),
                base, Optional.empty(), now, false);
    }
}
