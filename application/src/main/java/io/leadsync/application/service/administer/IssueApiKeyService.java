package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.application.port.in.administer.IssuedApiKey;
import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.workspace.ApiKey;
import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.ApiKeySecret;

import java.time.Clock;
import java.util.Optional;

/** Issues an API key: the secret is returned once, only its hash is stored. */
public final class IssueApiKeyService implements IssueApiKeyUseCase {
    private final WorkspaceRepository workspaces;
    private final ApiKeyRepository keys;
    private final SecretGenerator secrets;
    private final IdGenerator ids;
    private final Clock clock;

    public IssueApiKeyService(WorkspaceRepository workspaces, ApiKeyRepository keys, SecretGenerator secrets,
                              IdGenerator ids, Clock clock) {
        this.workspaces = workspaces;
        this.keys = keys;
        this.secrets = secrets;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public IssuedApiKey issue(IssueApiKeyCommand command) {
        if (workspaces.find(command.workspaceId()).isEmpty()) {
            throw new IllegalArgumentException("no workspace " + command.workspaceId());
        }
        ApiKeySecret secret = ApiKeySecret.fromRandom(secrets.newSecret());
        ApiKey key = new ApiKey(new ApiKeyId(ids.newId()), command.workspaceId(), command.name(), secret.shownPrefix(),
                secret.hash(), command.scopes(), clock.instant(), Optional.empty());
        keys.insert(key);
        return new IssuedApiKey(key, secret.value());
    }
}
