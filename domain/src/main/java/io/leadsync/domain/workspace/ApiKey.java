package io.leadsync.domain.workspace;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A key an agent presents to act in one workspace. Only a hash of the secret is kept; the {@code prefix} (the
 * first characters of the key) lets an admin tell keys apart without revealing them.
 */
public record ApiKey(ApiKeyId id, WorkspaceId workspaceId, String name, String prefix, String secretHash,
                     Instant createdAt, Optional<Instant> revokedAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (secretHash.isBlank()) {
            throw new IllegalArgumentException("an API key needs the hash of its secret");
        }
    }

    public boolean isActive() {
        return revokedAt.isEmpty();
    }

    public ApiKey revoke(Instant now) {
        return isActive() ? new ApiKey(id, workspaceId, name, prefix, secretHash, createdAt, Optional.of(now)) : this;
    }
}
