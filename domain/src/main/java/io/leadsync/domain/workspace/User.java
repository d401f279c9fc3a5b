package io.leadsync.domain.workspace;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A person who signs in to the admin UI with an email and a password. Only the password's hash is kept
 * ({@code passwordHash}, in the hasher's own self-describing format); {@code email} is stored lower case so one
 * address is one user.
 */
public record User(UserId id, String email, String displayName, String passwordHash, Instant createdAt) {
    public static final int MAX_EMAIL_LENGTH = 254;
    public static final int MAX_NAME_LENGTH = 100;

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(passwordHash, "passwordHash");
        email = normaliseEmail(email);
        if (displayName == null || displayName.isBlank()) {
            displayName = email;
        }
        displayName = displayName.strip();
        if (displayName.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a user's name must be at most " + MAX_NAME_LENGTH + " characters");
        }
    }

    /** The form an email is stored and looked up in; refuses what cannot be an address. */
    public static String normaliseEmail(String email) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("a user's email must not be blank");
        }
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        int at = normalised.indexOf('@');
        if (at < 1 || at != normalised.lastIndexOf('@') || at == normalised.length() - 1
                || normalised.length() > MAX_EMAIL_LENGTH || normalised.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a user's email must look like name@example.com");
        }
        return normalised;
    }

    public User withPasswordHash(String newHash) {
        return new User(id, email, displayName, newHash, createdAt);
    }
}
