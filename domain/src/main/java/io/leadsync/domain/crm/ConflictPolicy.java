package io.leadsync.domain.crm;

/** Who wins when a field changed on both sides since the last sync, to different values. */
public enum ConflictPolicy {
    CRM_WINS,
    APP_WINS,
    /** The later change wins: the app field's change instant against the CRM record's modification instant; ties go to the CRM. */
    MOST_RECENT
}
