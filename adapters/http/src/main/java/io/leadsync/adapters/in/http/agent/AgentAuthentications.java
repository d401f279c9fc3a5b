package io.leadsync.adapters.in.http.agent;

import io.leadsync.application.port.in.AgentPrincipal;
import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.security.authentication.Authentication;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Carries an {@link AgentPrincipal} through micronaut-security's {@link Authentication}. Attributes are plain
 * strings because an Authentication must stay serializable.
 */
public final class AgentAuthentications {
    static final String ROLE_AGENT = "AGENT";
    private static final String WORKSPACE_ID = "workspaceId";
    private static final String KEY_ID = "apiKeyId";
    private static final String KEY_PREFIX = "apiKeyPrefix";

    private AgentAuthentications() {
    }

    static Authentication toAuthentication(AgentPrincipal principal) {
        return Authentication.build(principal.actor(), List.of(ROLE_AGENT), Map.of(
                WORKSPACE_ID, principal.workspaceId().toString(),
                KEY_ID, principal.keyId().toString(),
                KEY_PREFIX, principal.keyPrefix()));
    }

    public static AgentPrincipal toPrincipal(Authentication authentication) {
        Map<String, Object> attributes = authentication.getAttributes();
        return new AgentPrincipal(
                WorkspaceId.of(String.valueOf(attributes.get(WORKSPACE_ID))),
                new ApiKeyId(UUID.fromString(String.valueOf(attributes.get(KEY_ID)))),
                String.valueOf(attributes.get(KEY_PREFIX)));
    }
}
