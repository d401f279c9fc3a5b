package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.ManageApiKeysUseCase;
import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.workspace.ApiKey;
import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Lists and revokes a workspace's agent keys; always within that workspace. */
public final class ManageApiKeysService implements ManageApiKeysUseCase {
    private final ApiKeyRepository keys;
    private final TransactionBoundary transactions;
    private final Clock clock;

    public ManageApiKeysService(ApiKeyRepository keys, TransactionBoundary transactions, Clock clock) {
        this.keys = keys;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<ApiKey> list(WorkspaceId workspaceId) {
        return keys.list(workspaceId);
    }

    @Override
    public boolean revoke(WorkspaceId workspaceId, ApiKeyId keyId) {
        return transactions.inTransaction(() -> {
            Optional<ApiKey> key = keys.find(workspaceId, keyId);
            key.ifPresent(found -> keys.update(found.revoke(clock.instant())));
            return key.isPresent();
        });
    }

    @Override
    public boolean narrow(WorkspaceId workspaceId, ApiKeyId keyId, ApiKeyScope scope) {
        return transactions.inTransaction(() -> {
            Optional<ApiKey> key = keys.find(workspaceId, keyId);
            key.ifPresent(found -> keys.update(found.narrowTo(scope)));
            return key.isPresent();
        });
    }
}
