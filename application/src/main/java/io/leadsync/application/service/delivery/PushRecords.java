package io.leadsync.application.service.delivery;

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
public final class PushRecords {
    public static final String NO_WORK_EMAIL = io.leadsync.domain.sync.SendPolicy.NO_WORK_EMAIL;

    private PushRecords() {
    }

    /** The fields the connection pushes (per-field direction within the connection's), by LeadSync's lead id. */
    public static CrmRecord record(Lead lead, CrmConnection connection, Workspace workspace) {
        return record(lead, connection, workspace, Optional.empty());
    }

    /**
     * As {@link #record(Lead, CrmConnection, Workspace)}, written to the linked CRM record by its id when that record
     * was linked by a pull and has not been stamped with LeadSync's lead id yet (its merge base has no lead id).
     */
    public static CrmRecord record(Lead lead, CrmConnection connection, Workspace workspace, Optional<CrmLink> link) {
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
        // A converted lead's Contact is always written by its id: an upsert by lead id would find the read-only Lead.
        Optional<String> unstamped = link.filter(CrmLink::writesById).map(CrmLink::crmRecordId);
        Optional<String> linked = link.filter(l -> !l.deletedInCrm()).map(CrmLink::crmRecordId);
        return new CrmRecord(lead.id(), values, unstamped, linked.isPresent(), linked);
    }

    /**
     * What the background push sends: only the fields whose value differs from the link's merge base (what the CRM
     * held after the last sync), plus the lead id. A field LeadSync did not change is not sent, so a rep's edit of it
     * in the CRM since then is not overwritten by LeadSync's older copy; the next pull takes it. A lead without a
     * usable link (never written, or its CRM record deleted) goes whole. Empty when the CRM already holds every value.
     */
    public static Optional<CrmRecord> changes(Lead lead, CrmConnection connection, Workspace workspace,
                                       Optional<CrmLink> link) {
        CrmRecord whole = record(lead, connection, workspace, link);
        Optional<CrmLink> base = link.filter(l -> !l.deletedInCrm());
        if (base.isEmpty()) {
            return Optional.of(whole);
        }
        Map<LeadField, Optional<String>> changed = new EnumMap<>(LeadField.class);
        whole.values().forEach((field, value) -> {
            if (!value.equals(base.get().base(field))) {
                changed.put(field, value);
            }
        });
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        changed.put(LeadField.LEAD_ID, Optional.of(lead.id().value()));
        return Optional.of(new CrmRecord(lead.id(), changed, whole.knownRecordId(), whole.inCrm(),
                whole.linkedRecordId()));
    }

    /**
     * After a successful write the values sent are the merge base: what both sides now hold, so the same values
     * coming back on a pull are recognised as LeadSync's own echo.
     */
    public static CrmLink link(Workspace workspace, CrmConnection connection, CrmRecord record, UpsertResult result,
                        Instant now) {
        return link(workspace, connection, record, result, now, Optional.empty());
    }

    /**
     * As {@link #link(Workspace, CrmConnection, CrmRecord, UpsertResult, Instant)} for a record that carried only some
     * fields: the fields it did not carry keep the base of {@code previous} (the CRM still holds what it held).
     */
    public static CrmLink link(Workspace workspace, CrmConnection connection, CrmRecord record, UpsertResult result,
                        Instant now, Optional<CrmLink> previous) {
        Map<LeadField, String> base = new EnumMap<>(LeadField.class);
        String crmRecordId = result.crmRecordId().orElseThrow();
        // The same record, or the master a rep merged it into (a write that found it merged away, ADR 0079): the
        // merge base stays, so what the rep kept on the master differs from it and the next pull takes it as the
        // rep's edit, as when a pull follows the merge. A conversion starts the Contact afresh.
        previous.filter(l -> !l.deletedInCrm() && (l.crmRecordId().equals(crmRecordId)
                        || result.conversion().isEmpty() && record.linkedRecordId().isPresent()))
                .ifPresent(l -> base.putAll(l.lastSynced()));
        record.values().forEach((field, value) -> {
            if (value.isPresent()) {
                base.put(field, value.get());
            } else {
                base.remove(field);
            }
        });
        // A write that found the record converted moves the link to the Contact; a converted link stays converted.
        Optional<io.leadsync.domain.crm.CrmConversion> conversion = result.conversion()
                .or(() -> previous.flatMap(CrmLink::conversion));
        return new CrmLink(workspace.id(), connection.id(), record.leadId(), crmRecordId, base, Optional.empty(), now,
                false, conversion);
    }

    /**
     * The fields a record carries, each from its base in {@code previous} (empty for a first write) to the value sent,
     * for the typed audit (ADR 0063); the lead id, which only names the record, is left out.
     */
    public static java.util.List<io.leadsync.domain.sync.FieldDiff> fieldDiffs(CrmRecord record,
                                                                                Optional<CrmLink> previous) {
        Optional<CrmLink> base = previous.filter(link -> !link.deletedInCrm());
        java.util.List<io.leadsync.domain.sync.FieldDiff> diffs = new java.util.ArrayList<>();
        record.values().forEach((field, value) -> {
            if (field != LeadField.LEAD_ID) {
                diffs.add(new io.leadsync.domain.sync.FieldDiff(field, base.flatMap(link -> link.base(field)), value));
            }
        });
        return diffs;
    }

    /** What made a delivery, as the audit names it. */
    public static io.leadsync.domain.sync.SyncEvent.Trigger trigger(io.leadsync.application.port.out.DeliveryQueue.Cause cause) {
        return switch (cause) {
            case CHANGE -> io.leadsync.domain.sync.SyncEvent.Trigger.CHANGE;
            case PULL -> io.leadsync.domain.sync.SyncEvent.Trigger.PULL;
            case BACKFILL -> io.leadsync.domain.sync.SyncEvent.Trigger.BACKFILL;
            case RESYNC -> io.leadsync.domain.sync.SyncEvent.Trigger.RESYNC;
            case SYNC_NOW -> io.leadsync.domain.sync.SyncEvent.Trigger.SYNC_NOW;
        };
    }

}
