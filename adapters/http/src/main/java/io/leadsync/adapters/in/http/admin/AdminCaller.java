package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.agent.AgentAuthentications;
import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.domain.workspace.Role;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.security.authentication.Authentication;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who calls the admin API: a workspace's API key (ADR 0013), or a user signed in to the admin UI, acting in the
 * workspace their session is in, as their role there allows (ADR 0024). Either way every call is scoped to one
 * workspace.
 */
public record AdminCaller(WorkspaceId workspaceId, String actor) {
    static final String SESSION = "adminUiSession";
    static final String ROLE = "workspaceRole";
    static final String CSRF_VALID = "csrfValid";
    private static final String WORKSPACE_ID = "workspaceId";
    private static final String SESSION_ID = "sessionId";

    static AdminCaller of(Authentication authentication) {
        Map<String, Object> attributes = authentication.getAttributes();
        if (Boolean.TRUE.equals(attributes.get(SESSION))) {
            return new AdminCaller(WorkspaceId.of(String.valueOf(attributes.get(WORKSPACE_ID))),
                    "user:" + authentication.getName());
        }
        AgentPrincipal principal = AgentAuthentications.toPrincipal(authentication);
        return new AdminCaller(principal.workspaceId(), principal.actor());
    }

    /** The admin UI session making the call, if it is one (an OAuth connect it starts is bound to it). */
    static Optional<UUID> sessionOf(Authentication authentication) {
        Object id = authentication.getAttributes().get(SESSION_ID);
        return id == null ? Optional.empty() : Optional.of(UUID.fromString(String.valueOf(id)));
    }

    /**
     * The authentication of a signed-in admin UI user for the admin API: their email, the workspace and their role
     * in it, and whether the request carried their session's CSRF token (a change without it is refused).
     */
    public static Authentication sessionAuthentication(String email, WorkspaceId workspaceId, Role role,
                                                       boolean csrfValid, UUID sessionId) {
        return Authentication.build(email, List.of("USER"), Map.of(SESSION, true, WORKSPACE_ID,
                workspaceId.toString(), ROLE, role.name(), CSRF_VALID, csrfValid, SESSION_ID, sessionId.toString()));
    }
}
