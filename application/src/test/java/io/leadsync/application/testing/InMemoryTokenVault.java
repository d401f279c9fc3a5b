package io.leadsync.application.testing;

import io.leadsync.application.port.out.TokenVault;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tokens in a map; nothing to encrypt in memory. */
public final class InMemoryTokenVault implements TokenVault {
    private record Key(WorkspaceId workspaceId, ConnectionId connectionId) {
    }

    private final Map<Key, CrmTokens> tokens = new ConcurrentHashMap<>();
    private final Map<Key, Instant> claims = new ConcurrentHashMap<>();

    @Override
    public synchronized boolean claimRefresh(WorkspaceId workspaceId, ConnectionId connectionId, Instant now,
                                             Instant until) {
        Key key = new Key(workspaceId, connectionId);
        if (!tokens.containsKey(key)) {
            return false;
        }
        Instant held = claims.get(key);
        if (held != null && held.isAfter(now)) {
            return false;
        }
        claims.put(key, until);
        return true;
    }

    @Override
    public void releaseRefresh(WorkspaceId workspaceId, ConnectionId connectionId) {
        claims.remove(new Key(workspaceId, connectionId));
    }

    @Override
    public void store(WorkspaceId workspaceId, ConnectionId connectionId, CrmTokens value) {
        tokens.put(new Key(workspaceId, connectionId), value);
    }

    @Override
    public boolean replace(WorkspaceId workspaceId, ConnectionId connectionId, CrmTokens value) {
        return tokens.computeIfPresent(new Key(workspaceId, connectionId), (key, old) -> value) != null;
    }

    @Override
    public Optional<CrmTokens> find(WorkspaceId workspaceId, ConnectionId connectionId) {
        return Optional.ofNullable(tokens.get(new Key(workspaceId, connectionId)));
    }

    /** Nothing is encrypted in memory, so nothing is ever stale. */
    @Override
    public int reencryptStale(int limit) {
        return 0;
    }

    @Override
    public void delete(WorkspaceId workspaceId, ConnectionId connectionId) {
        tokens.remove(new Key(workspaceId, connectionId));
        claims.remove(new Key(workspaceId, connectionId));
    }
}
