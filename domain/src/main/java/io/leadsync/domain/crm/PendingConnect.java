package io.leadsync.domain.crm;

import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An OAuth connect an admin started and the CRM has not answered yet. The callback is accepted only with the
 * {@code state} it was sent with, once, before it expires, and the code is exchanged with this connect's PKCE
 * verifier, so a code intercepted or replayed elsewhere is worthless. {@code startedInSession} is the admin UI session
 * that started it: a callback reaching another browser needs a confirmation there (ADR 0045).
 */
public record PendingConnect(String state, WorkspaceId workspaceId, ConnectionId connectionId, CrmKind kind,
                             String codeVerifier, String startedBy, Instant startedAt,
                             Optional<UUID> startedInSession) {
    /** How long an admin has to log in and consent at the CRM. */
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    public PendingConnect {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(startedInSession, "startedInSession");
        if (state == null || state.length() < 32) {
            throw new IllegalArgumentException("state must be at least 32 random characters");
        }
        // RFC 7636: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~].
        if (codeVerifier == null || !codeVerifier.matches("[A-Za-z0-9\\-._~]{43,128}")) {
            throw new IllegalArgumentException("the PKCE code verifier must be 43 to 128 unreserved characters");
        }
    }

    /** A connect started without an admin UI session (through the admin API with a key). */
    public PendingConnect(String state, WorkspaceId workspaceId, ConnectionId connectionId, CrmKind kind,
                          String codeVerifier, String startedBy, Instant startedAt) {
        this(state, workspaceId, connectionId, kind, codeVerifier, startedBy, startedAt, Optional.empty());
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(startedAt.plus(LIFETIME));
    }

    /** The S256 code challenge sent with the authorize request: base64url(SHA-256(verifier)), unpadded. */
    public String codeChallenge() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(codeVerifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "PendingConnect[" + kind + " " + connectionId + " in " + workspaceId + ", verifier=***]";
    }
}
