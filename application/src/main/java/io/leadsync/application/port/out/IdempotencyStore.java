package io.leadsync.application.port.out;

import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Idempotency keys and the responses they were first answered with, shared by every node. A key is claimed by
 * inserting it; the unique key decides between nodes racing with the same key.
 */
public interface IdempotencyStore {
    /** A response as first sent. */
    record StoredResponse(int status, String body, Optional<String> location) {
        public StoredResponse {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(location, "location");
        }
    }

    /** A key already claimed: the request's hash, and its response once the first request finished. */
    record Claimed(String requestHash, Optional<StoredResponse> response, Instant claimedAt) {
    }

    /**
     * Claims {@code key} for a request with {@code requestHash}: empty when this caller now holds it (it was free, or
     * its holder claimed it before {@code staleBefore} and never answered: a crashed node), else the existing claim.
     */
    Optional<Claimed> claim(WorkspaceId workspaceId, String key, String requestHash, Instant now, Instant staleBefore);

    void complete(WorkspaceId workspaceId, String key, StoredResponse response);

    /** Frees a claim whose request was refused or failed, so a retry runs it again. */
    void release(WorkspaceId workspaceId, String key);

    /** Forgets keys claimed before {@code cutoff}; answers how many. */
    int deleteClaimedBefore(Instant cutoff);
}
