package io.leadsync.domain.sync;

/** One side of a sync: LeadSync's lead or the CRM's record. */
public enum Side {
    APP,
    CRM
}
