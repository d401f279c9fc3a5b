package io.leadsync.domain.crm;

import java.util.Objects;

/**
 * How one connection syncs.
 *
 * @param createRecordsInCrm   whether a lead without a CRM record yet may create one (otherwise only linked records update)
 * @param createLeadsFromCrm   whether a CRM record LeadSync has never seen becomes a new lead on pull
 */
public record SyncSettings(SyncFrequency frequency, SyncDirection direction, ConflictPolicy conflictPolicy,
                           boolean createRecordsInCrm, boolean createLeadsFromCrm, TargetObject targetObject) {
    public SyncSettings {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(conflictPolicy, "conflictPolicy");
        Objects.requireNonNull(targetObject, "targetObject");
    }

    /** Every five minutes, both ways, CRM wins conflicts (reps' edits are not overwritten), creating on both sides. */
    public static SyncSettings defaults() {
        return new SyncSettings(SyncFrequency.EVERY_5_MIN, SyncDirection.BIDIRECTIONAL, ConflictPolicy.CRM_WINS,
                true, false, TargetObject.LEAD);
    }
}
