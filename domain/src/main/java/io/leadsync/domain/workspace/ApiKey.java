package io.leadsync.domain.workspace;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A key an agent presents to act in one workspace. Only a hash of the secret is kept; the {@code prefix} (the
 * first characters of the key) lets an admin tell keys apart without revealing them. {@code scopes} say which APIs
 * the key opens: a new key has one; a key from before scopes has both until an admin narrows it (ADR 0048).
 */
public record ApiKey(ApiKeyId id, WorkspaceId workspaceId, String name, String prefix, String secretHash,
                     Set<ApiKeyScope> scopes, Instant createdAt, Optional<Instant> revokedAt) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(scopes, "scopes");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one scope");
        }
        scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
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
        return isActive() ? new ApiKey(id, workspaceId, name, prefix, secretHash, scopes, createdAt, Optional.of(now))
                : this;
    }

    /** Whether this key opens the API that needs {@code scope}. */
    public boolean allows(ApiKeyScope scope) {
        return scopes.contains(scope);
    }

    /**
     * The key with only {@code scope} left: how an admin takes the admin scope away from an agent's key from before
     * scopes (or the agent scope from an admin's). A key can only lose scopes this way, never gain one, since its
     * secret is already in someone's hands.
     *
     * @throws IllegalArgumentException when the key does not hold {@code scope}
     */
    public ApiKey narrowTo(ApiKeyScope scope) {
        if (!allows(scope)) {
            throw new IllegalArgumentException("this key does not have the scope " + scope.apiName()
                    + " and cannot be given it; issue a new key instead");
        }
        return new ApiKey(id, workspaceId, name, prefix, secretHash, EnumSet.of(scope), createdAt, revokedAt);
    }
}
