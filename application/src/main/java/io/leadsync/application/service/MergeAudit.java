package io.leadsync.application.service;

import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.sync.PulledField;
import io.leadsync.domain.sync.RecordMerge;
import io.leadsync.domain.sync.SyncDecision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One merged record as the audit keeps it (ADR 0063): each field that moved, old -> new, which way, and for a conflict
 * the rule that decided and the value it overwrote.
 */
final class MergeAudit {
    private MergeAudit() {
    }

    /** Empty when nothing moved; {@code before} is the lead as it was before the CRM's values went in. */
    static List<PulledField> fields(RecordMerge merge, Lead before) {
        List<PulledField> fields = new ArrayList<>();
        for (Map.Entry<LeadField, SyncDecision> entry : merge.decisions().entrySet()) {
            PulledField.of(entry.getKey(), before.value(entry.getKey()), entry.getValue()).ifPresent(fields::add);
        }
        return fields;
    }
}
