package io.leadsync.domain.crm;

import java.util.Objects;

/**
 * How one connection syncs.
 *
 * @param createRecordsInCrm   whether a lead without a CRM record yet may create one (otherwise only linked records update)
 * @param createLeadsFromCrm   whether a CRM record LeadSync has never seen becomes a new lead on pull
 * @param targetObject         what a lead becomes in the CRM: a Lead, or a Contact with its Account
 * @param createAccountsInCrm  with a Contact target, whether a lead whose company has no Account yet creates one
 *                             (otherwise its Contact is created without an Account); {@code createRecordsInCrm} is
 *                             the same switch for Contacts (or Leads)
 */
public record SyncSettings(SyncFrequency frequency, SyncDirection direction, ConflictPolicy conflictPolicy,
                           boolean createRecordsInCrm, boolean createLeadsFromCrm, TargetObject targetObject,
                           boolean createAccountsInCrm) {
    public SyncSettings {
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(conflictPolicy, "conflictPolicy");
        Objects.requireNonNull(targetObject, "targetObject");
    }

    /** Accounts may be created exactly when records may. */
    public SyncSettings(SyncFrequency frequency, SyncDirection direction, ConflictPolicy conflictPolicy,
                        boolean createRecordsInCrm, boolean createLeadsFromCrm, TargetObject targetObject) {
        this(frequency, direction, conflictPolicy, createRecordsInCrm, createLeadsFromCrm, targetObject,
                createRecordsInCrm);
    }

    /** Every five minutes, both ways, CRM wins conflicts (reps' edits are not overwritten), creating on both sides. */
    public static SyncSettings defaults() {
        return new SyncSettings(SyncFrequency.EVERY_5_MIN, SyncDirection.BIDIRECTIONAL, ConflictPolicy.CRM_WINS,
                true, false, TargetObject.LEAD);
    }
}
