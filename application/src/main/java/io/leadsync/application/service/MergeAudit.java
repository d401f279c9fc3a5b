package io.leadsync.application.service;

import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.sync.ConflictResolution;
import io.leadsync.domain.sync.RecordMerge;
import io.leadsync.domain.sync.SyncDecision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One merged record as an admin reads it in the audit: each field that moved, old → new, which way, and for a
 * conflict the rule that decided and the value it overwrote.
 */
final class MergeAudit {
    private MergeAudit() {
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
