package io.leadsync.application.service;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.sync.ConflictResolution;
import io.leadsync.domain.sync.RecordMerge;
import io.leadsync.domain.sync.SyncDecision;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a pull writes to the audit, in one place: the pull's summary, each merged record as an admin reads it
 * (each field that moved, old → new, which way, and for a conflict the rule that decided and the value it
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
    AuditEntry summary(WorkspaceId workspace, ConnectionId connection, Instant at, String summary) {
        return new AuditEntry(ids.newId(), workspace, at, ACTOR, "sync.pull", Optional.empty(),
                Optional.of(connection.value()), summary);
    }

    /** A record the rules refused: nothing of it was written. */
    AuditEntry refused(WorkspaceId workspace, ConnectionId connection, Instant at, String crmRecordId,
                       String reason) {
        return new AuditEntry(ids.newId(), workspace, at, ACTOR, "lead.pull-refused", Optional.empty(),
                Optional.of(connection.value()), "CRM record " + crmRecordId + ": " + reason);
    }

    /** A merged record; empty when no field moved. {@code before}: the lead before the CRM's values went in. */
    Optional<AuditEntry> pulled(WorkspaceId workspace, ConnectionId connection, Instant at, String crmRecordId,
                                RecordMerge merge, Lead before) {
        return describe(merge, before).map(detail -> new AuditEntry(ids.newId(), workspace, at, ACTOR, "lead.pulled",
                Optional.of(before.id().value()), Optional.of(connection.value()),
                "CRM record " + crmRecordId + ": " + detail));
    }

    /** A rep merged the lead's record away, into {@code master}. */
    AuditEntry merged(WorkspaceId workspace, ConnectionId connection, Instant at, LeadId lead, String crmRecordId,
                      String master, Optional<LeadId> mastersLead) {
        return new AuditEntry(ids.newId(), workspace, at, ACTOR, "lead.merged", Optional.of(lead.value()),
                Optional.of(connection.value()), "a rep merged CRM record " + crmRecordId + " into " + master
                + mastersLead.map(other -> ", which is lead " + other.value() + "'s record; this lead keeps no record "
                + "there").orElse("; the lead now lives in " + master));
    }

    /** Empty when nothing moved; {@code before} is the lead as it was before the CRM's values went in. */
    static Optional<String> describe(RecordMerge merge, Lead before) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<LeadField, SyncDecision> entry : merge.decisions().entrySet()) {
            LeadField field = entry.getKey();
            SyncDecision decision = entry.getValue();
            if (decision instanceof SyncDecision.Take) {
                SyncDecision.Take take = (SyncDecision.Take) decision;
                lines.add(field.apiName() + ": " + quoted(before.value(field)) + " -> " + quoted(take.value())
                        + " (from the CRM" + conflict(take.conflict()) + ")");
            } else if (decision instanceof SyncDecision.Push) {
                SyncDecision.Push push = (SyncDecision.Push) decision;
                lines.add(field.apiName() + ": " + quoted(push.value()) + " owed to the CRM"
                        + conflict(push.conflict()));
            } else if (decision instanceof SyncDecision.Hold) {
                SyncDecision.Hold hold = (SyncDecision.Hold) decision;
                lines.add(field.apiName() + ": change from the " + hold.heldFrom().name().toLowerCase(java.util.Locale.ROOT)
                        + " held by the field's direction" + conflict(hold.conflict()));
            }
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", lines));
    }

    private static String conflict(Optional<ConflictResolution> conflict) {
        return conflict.map(c -> ", conflict settled by " + c.rule() + ": " + c.winner().name().toLowerCase(
                java.util.Locale.ROOT) + " won, LeadSync had " + quoted(c.appValue()) + ", the CRM "
                + quoted(c.crmValue())).orElse("");
    }

    private static String quoted(Optional<String> value) {
        return value.map(v -> "'" + (v.length() > 80 ? v.substring(0, 80) + "..." : v) + "'").orElse("(empty)");
    }
}
