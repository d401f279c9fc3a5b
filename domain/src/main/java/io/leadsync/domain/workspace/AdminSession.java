package io.leadsync.domain.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * One signed-in browser of the admin UI. The browser holds a random session token; only its SHA-256 hash is kept
 * ({@code tokenHash}), so a copy of the table opens no session. {@code id} is a public handle, shown on the account
 * page so the user can end a session without the token ever leaving its browser.
 */
public record AdminSession(UUID id, String tokenHash, UserId userId, WorkspaceId workspaceId, Instant createdAt,
                           Instant lastSeenAt, String userAgent, String clientAddress) {
    /** A request within this long of the last one does not rewrite the session's row. */
    public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    public static final int MAX_USER_AGENT = 200;
    public static final int MAX_ADDRESS = 64;

    public AdminSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        userAgent = clip(userAgent, MAX_USER_AGENT);
        clientAddress = clip(clientAddress, MAX_ADDRESS);
    }

    /** Whether the session still opens pages at {@code now}: neither idle too long nor older than its lifetime. */
    public boolean liveAt(Instant now, SessionPolicy policy) {
        return now.isBefore(lastSeenAt.plus(policy.idleTimeout()))
                && now.isBefore(createdAt.plus(policy.absoluteLifetime()));
    }

    /** When the session ends if no request comes before. */
    public Instant endsAt(SessionPolicy policy) {
        Instant idle = lastSeenAt.plus(policy.idleTimeout());
        Instant absolute = createdAt.plus(policy.absoluteLifetime());
        return idle.isBefore(absolute) ? idle : absolute;
    }

    /** Whether a request at {@code now} should move {@code lastSeenAt}: not on every request, to spare the database. */
    public boolean dueForTouch(Instant now) {
        return !now.isBefore(lastSeenAt.plus(TOUCH_INTERVAL));
    }

    public AdminSession seenAt(Instant now) {
        return new AdminSession(id, tokenHash, userId, workspaceId, createdAt, now, userAgent, clientAddress);
    }

    public AdminSession inWorkspace(WorkspaceId other) {
        return new AdminSession(id, tokenHash, userId, other, createdAt, lastSeenAt, userAgent, clientAddress);
    }

    /** The hash a presented token is stored and looked up under; any string hashes, well-formed or not. */
    public static String hashOf(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        String printable = text.replaceAll("\\p{Cntrl}", " ").strip();
        return printable.length() > max ? printable.substring(0, max) : printable;
    }

    @Override
    public String toString() {
        return "AdminSession[" + id + " of " + userId + " in " + workspaceId + "]";
    }
}
