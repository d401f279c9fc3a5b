package io.leadsync.domain.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An invitation to join a workspace with a role, for one email address (ADR 0047). Whoever holds its link accepts it:
 * by creating the account, or by signing in to the existing account of that email. Only the hash of the link's token
 * is kept; it is good once, for {@link #LIFETIME}.
 */
public record Invitation(UUID id, String tokenHash, WorkspaceId workspaceId, String email, Role role,
                         String invitedBy, Instant createdAt, Optional<Instant> acceptedAt) {
    public static final Duration LIFETIME = Duration.ofDays(7);

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        email = User.normaliseEmail(email);
    }

    public Instant expiresAt() {
        return createdAt.plus(LIFETIME);
    }

    /** Whether it can still be accepted at {@code now}. */
    public boolean openAt(Instant now) {
        return acceptedAt.isEmpty() && now.isBefore(expiresAt());
    }
}
