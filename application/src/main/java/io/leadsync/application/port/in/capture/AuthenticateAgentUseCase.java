package io.leadsync.application.port.in.capture;

import java.util.Optional;

/** Tells which workspace an API key acts for; empty for an unknown or revoked key. */
public interface AuthenticateAgentUseCase {
    Optional<AgentPrincipal> authenticate(AuthenticateAgentQuery query);
}
