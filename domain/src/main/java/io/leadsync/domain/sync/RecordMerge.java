package io.leadsync.domain.sync;

import io.leadsync.domain.lead.LeadField;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The merge of one lead with one CRM record: a decision per mapped field, what to write on each side, and the merge
 * base to keep once both writes have succeeded.
 */
public record RecordMerge(Map<LeadField, SyncDecision> decisions, Map<LeadField, String> newBase) {
    public RecordMerge {
        EnumMap<LeadField, SyncDecision> decisionsCopy = new EnumMap<>(LeadField.class);
        decisionsCopy.putAll(decisions);
        decisions = Collections.unmodifiableMap(decisionsCopy);
        EnumMap<LeadField, String> baseCopy = new EnumMap<>(LeadField.class);
        baseCopy.putAll(newBase);
        newBase = Collections.unmodifiableMap(baseCopy);
    }

    /** The values to write to the CRM; an empty value clears the CRM field. */
    public Map<LeadField, Optional<String>> toPush() {
        Map<LeadField, Optional<String>> push = new EnumMap<>(LeadField.class);
        decisions.forEach((field, decision) -> {
            if (decision instanceof SyncDecision.Push p) {
                push.put(field, p.value());
            }
        });
        return Collections.unmodifiableMap(push);
    }

    /**
     * The CRM's values to write into the lead, in the shape {@code Lead.update} takes: a null value clears the
     * field.
     */
    public Map<LeadField, String> toTake() {
        Map<LeadField, String> take = new HashMap<>();
        decisions.forEach((field, decision) -> {
            if (decision instanceof SyncDecision.Take t) {
                take.put(field, t.value().orElse(null));
            }
        });
        return Collections.unmodifiableMap(take);
    }

    /** Whether nothing is to be written on either side (held changes write nothing). */
    public boolean nothingToWrite() {
        return decisions.values().stream()
                .noneMatch(decision -> decision instanceof SyncDecision.Push || decision instanceof SyncDecision.Take);
    }
}
