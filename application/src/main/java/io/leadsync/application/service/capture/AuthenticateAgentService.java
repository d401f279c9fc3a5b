package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.AuthenticateAgentQuery;
import io.leadsync.application.port.in.capture.AuthenticateAgentUseCase;
import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.domain.workspace.ApiKey;
import io.leadsync.domain.workspace.ApiKeySecret;

import java.util.Optional;

/**
 * Identifies a call by the hash of the key it presents; revoked keys identify nobody. What the key may do (its scopes)
 * travels with it, for the inbound adapter to check against the API called.
 */
public final class AuthenticateAgentService implements AuthenticateAgentUseCase {
    private final ApiKeyRepository keys;

    public AuthenticateAgentService(ApiKeyRepository keys) {
        this.keys = keys;
    }

    @Override
    public Optional<AgentPrincipal> authenticate(AuthenticateAgentQuery query) {
        return keys.findBySecretHash(ApiKeySecret.hashOf(query.presentedKey()))
                .filter(ApiKey::isActive)
                .map(key -> new AgentPrincipal(key.workspaceId(), key.id(), key.prefix(), key.scopes()));
    }
}
