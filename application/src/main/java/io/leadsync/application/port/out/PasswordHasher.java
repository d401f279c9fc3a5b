package io.leadsync.application.port.out;

/**
 * Turns a user's password into a slow, salted hash and checks a password against one. The hash names its own
 * algorithm and parameters, so stronger settings later still verify old hashes.
 */
public interface PasswordHasher {
    String hash(String password);

    /** Whether {@code password} is the one {@code hash} was made from; false for a hash this hasher cannot read. */
    boolean matches(String password, String hash);
}
