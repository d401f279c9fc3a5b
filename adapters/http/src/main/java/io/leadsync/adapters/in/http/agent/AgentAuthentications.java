package io.leadsync.adapters.in.http.agent;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.security.authentication.Authentication;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Carries an {@link AgentPrincipal} through micronaut-security's {@link Authentication}. Attributes are plain
 * strings because an Authentication must stay serializable.
 */
public final class AgentAuthentications {
    static final String ROLE_AGENT = "AGENT";
    private static final String WORKSPACE_ID = "workspaceId";
    private static final String KEY_ID = "apiKeyId";
    private static final String KEY_PREFIX = "apiKeyPrefix";
    private static final String SCOPES = "apiKeyScopes";

    private AgentAuthentications() {
    }

    static Authentication toAuthentication(AgentPrincipal principal) {
        return Authentication.build(principal.actor(), List.of(ROLE_AGENT), Map.of(
                WORKSPACE_ID, principal.workspaceId().toString(),
                KEY_ID, principal.keyId().toString(),
                KEY_PREFIX, principal.keyPrefix(),
                SCOPES, principal.scopes().stream().map(ApiKeyScope::apiName).collect(Collectors.joining(" "))));
    }

    public static AgentPrincipal toPrincipal(Authentication authentication) {
        Map<String, Object> attributes = authentication.getAttributes();
        return new AgentPrincipal(
                WorkspaceId.of(String.valueOf(attributes.get(WORKSPACE_ID))),
                new ApiKeyId(UUID.fromString(String.valueOf(attributes.get(KEY_ID)))),
                String.valueOf(attributes.get(KEY_PREFIX)),
                scopes(attributes));
    }

    /** Whether this authentication came from an API key (rather than an admin UI session). */
    static boolean isApiKey(Authentication authentication) {
        return authentication.getAttributes().containsKey(KEY_ID);
    }

    private static Set<ApiKeyScope> scopes(Map<String, Object> attributes) {
        Object names = attributes.get(SCOPES);
        if (names == null || String.valueOf(names).isBlank()) {
            return Set.of();
        }
        return Arrays.stream(String.valueOf(names).split(" ")).map(ApiKeyScope::byApiName)
                .flatMap(java.util.Optional::stream).collect(Collectors.toSet());
    }
}
