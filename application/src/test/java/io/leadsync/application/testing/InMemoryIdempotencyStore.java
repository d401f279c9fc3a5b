package io.leadsync.application.testing;

import io.leadsync.application.port.out.IdempotencyStore;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private record Key(WorkspaceId workspaceId, String key) {
    }

    private final Map<Key, Claimed> claims = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<Claimed> claim(WorkspaceId workspaceId, String key, String requestHash, Instant now,
                                                Instant staleBefore) {
        Claimed existing = claims.get(new Key(workspaceId, key));
        if (existing == null || (existing.response().isEmpty() && existing.claimedAt().isBefore(staleBefore))) {
            claims.put(new Key(workspaceId, key), new Claimed(requestHash, Optional.empty(), now));
            return Optional.empty();
        }
        return Optional.of(existing);
    }

    @Override
    public synchronized void complete(WorkspaceId workspaceId, String key, StoredResponse response) {
        claims.computeIfPresent(new Key(workspaceId, key), (k, claimed) ->
                new Claimed(claimed.requestHash(), Optional.of(response), claimed.claimedAt()));
    }

    @Override
    public synchronized void release(WorkspaceId workspaceId, String key) {
        claims.computeIfPresent(new Key(workspaceId, key), (k, claimed) -> claimed.response().isEmpty() ? null : claimed);
    }

    @Override
    public synchronized int deleteClaimedBefore(Instant cutoff) {
        int before = claims.size();
        claims.values().removeIf(claimed -> claimed.claimedAt().isBefore(cutoff));
        return before - claims.size();
    }
}
