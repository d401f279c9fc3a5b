package io.leadsync.domain.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The secret part of an API key as an agent presents it ({@code lsk_...}). Only its SHA-256 hash is stored: keys are
 * long random strings, so a fast hash is enough to make a stolen table useless (unlike passwords, which need Argon2).
 */
public record ApiKeySecret(String value) {
    public static final String PREFIX = "lsk_";
    private static final int SHOWN_CHARACTERS = 12;

    public ApiKeySecret {
        if (value == null || value.length() < PREFIX.length() + 32 || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("an API key starts with " + PREFIX + " and has at least 32 more characters");
        }
    }

    /** A key made from fresh random characters. */
    public static ApiKeySecret fromRandom(String randomCharacters) {
        return new ApiKeySecret(PREFIX + randomCharacters);
    }

    /** The hash under which the key is stored and looked up. */
    public String hash() {
        return hashOf(value);
    }

    /** Hashes whatever a caller presented, well-formed or not, so a lookup never reveals the shape rule by timing. */
    public static String hashOf(String presented) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(presented.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The first characters, enough for an admin to tell keys apart. */
    public String shownPrefix() {
        return value.substring(0, SHOWN_CHARACTERS);
    }

    @Override
    public String toString() {
        return "ApiKeySecret[" + shownPrefix() + "...]";
    }
}
