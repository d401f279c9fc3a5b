package io.leadsync.application.service.pull;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.sync.PulledField;
import io.leadsync.domain.sync.RecordMerge;
import io.leadsync.domain.sync.SyncDecision;
import io.leadsync.domain.sync.SyncEvent;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a pull writes to the audit, in one place, as typed sync events (ADR 0063): the pull's counts, each merged
 * record (each field that moved, old → new, which way, and for a conflict the rule that decided and the value it
 * overwrote), refused records and records reps merged away. Entries are made here and written by the caller, so a
 * page of records goes to the audit in one statement, in the page's transaction.
 */
final class PullAudit {
    private static final String ACTOR = "sync";

    private final AuditLog log;
    private final IdGenerator ids;

    PullAudit(AuditLog log, IdGenerator ids) {
        this.log = log;
        this.ids = ids;
    }

    void write(List<AuditEntry> entries) {
        if (!entries.isEmpty()) {
            log.recordAll(entries);
        }
    }

    void write(AuditEntry entry) {
        log.record(entry);
    }

    /** One pull of one connection, as counted. */
    AuditEntry summary(WorkspaceId workspace, ConnectionId connection, Instant at, SyncEvent.PullRun run) {
        return AuditEntry.of(ids.newId(), workspace, at, ACTOR, Optional.empty(), Optional.of(connection.value()), run);
    }

    /** A record the rules refused: nothing of it was written. */
    AuditEntry refused(WorkspaceId workspace, ConnectionId connection, Instant at, String crmRecordId,
                       String reason) {
        return AuditEntry.of(ids.newId(), workspace, at, ACTOR, Optional.empty(), Optional.of(connection.value()),
                new SyncEvent.PullRefused(crmRecordId, reason));
    }

    /** A merged record; empty when no field moved. {@code before}: the lead before the CRM's values went in. */
    Optional<AuditEntry> pulled(WorkspaceId workspace, ConnectionId connection, Instant at, String crmRecordId,
                                RecordMerge merge, Lead before) {
        List<PulledField> fields = new ArrayList<>();
        for (Map.Entry<LeadField, SyncDecision> entry : merge.decisions().entrySet()) {
            PulledField.of(entry.getKey(), before.value(entry.getKey()), entry.getValue()).ifPresent(fields::add);
        }
        return fields.isEmpty() ? Optional.empty() : Optional.of(AuditEntry.of(ids.newId(), workspace, at, ACTOR,
                Optional.of(before.id().value()), Optional.of(connection.value()),
                new SyncEvent.LeadPulled(crmRecordId, fields)));
    }

    /** A rep merged the lead's record away, into {@code master}. */
    AuditEntry merged(WorkspaceId workspace, ConnectionId connection, Instant at, LeadId lead, String crmRecordId,
                      String master, Optional<LeadId> mastersLead) {
        return AuditEntry.of(ids.newId(), workspace, at, ACTOR, Optional.of(lead.value()),
                Optional.of(connection.value()), new SyncEvent.LeadMerged(crmRecordId, master,
                        mastersLead.map(LeadId::value)));
    }
}
