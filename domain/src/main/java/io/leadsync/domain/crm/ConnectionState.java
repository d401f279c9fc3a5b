package io.leadsync.domain.crm;

/** Where a connection stands. Only {@link #CONNECTED} syncs. */
public enum ConnectionState {
    CONNECTED,
    /** Authorised, but fields are missing or hidden; the reason says which and how to fix it. */
    NEEDS_SETUP,
    /** The CRM refused the refresh token; an admin must connect again. */
    NEEDS_REAUTH,
    PAUSED,
    DISCONNECTED
}
