package io.leadsync.domain.workspace;

/** What a user may do in one workspace. */
public enum Role {
    /** Everything an admin may, and owns the workspace: manages users and roles. */
    OWNER,
    /** Connects CRMs, changes settings and mappings, resyncs, manages API keys. */
    ADMIN,
    /** Sees every page of the workspace and changes nothing. */
    VIEWER;

    /** Whether this role may change anything in the workspace (connections, settings, keys). */
    public boolean mayChange() {
        return this != VIEWER;
    }

    /** Whether this role may add users and change their roles. */
    public boolean mayManageUsers() {
        return this == OWNER;
    }
}
