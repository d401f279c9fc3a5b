package io.leadsync.sandbox.salesforce;

/** A user of the sandbox org. Only System Administrators may change schema and permissions. */
record SandboxUser(String id, String username, String email, String firstName, String lastName, String profile,
        String password) {

    static final String SYSTEM_ADMINISTRATOR = "System Administrator";
    static final String STANDARD_USER = "Standard User";

    boolean isAdministrator() {
        return SYSTEM_ADMINISTRATOR.equals(profile);
    }

    String displayName() {
        return firstName + " " + lastName;
    }
}
