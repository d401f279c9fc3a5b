package io.leadsync.application.testing;

import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.domain.workspace.ApiKey;
import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryApiKeyRepository implements ApiKeyRepository {
    private final Map<ApiKeyId, ApiKey> keys = new ConcurrentHashMap<>();

    @Override
    public synchronized void insert(ApiKey key) {
        boolean hashTaken = keys.values().stream().anyMatch(k -> k.secretHash().equals(key.secretHash()));
        if (hashTaken || keys.putIfAbsent(key.id(), key) != null) {
            throw new IllegalStateException("api key " + key.id() + " exists");
        }
    }

    @Override
    public synchronized void update(ApiKey key) {
        ApiKey stored = keys.get(key.id());
        if (stored == null || !stored.workspaceId().equals(key.workspaceId())) {
            throw new IllegalStateException("no api key " + key.id() + " in workspace " + key.workspaceId());
        }
        keys.put(key.id(), key);
    }

    @Override
    public Optional<ApiKey> findBySecretHash(String secretHash) {
        return keys.values().stream().filter(k -> k.secretHash().equals(secretHash)).findFirst();
    }

    @Override
    public Optional<ApiKey> find(WorkspaceId workspaceId, ApiKeyId id) {
        return Optional.ofNullable(keys.get(id)).filter(k -> k.workspaceId().equals(workspaceId));
    }

    @Override
    public List<ApiKey> list(WorkspaceId workspaceId) {
        return keys.values().stream().filter(k -> k.workspaceId().equals(workspaceId))
                .sorted(Comparator.comparing(ApiKey::createdAt)).toList();
    }
}
