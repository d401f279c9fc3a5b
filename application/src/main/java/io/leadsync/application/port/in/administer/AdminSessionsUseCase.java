package io.leadsync.application.port.in.administer;

import io.leadsync.domain.workspace.AdminSession;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The admin UI's server-side sessions (ADR 0045): started at sign-in with a fresh random token, resumed on every
 * request while neither idle nor too old, ended by logout, by the user from another browser, by a password change and
 * by losing the membership.
 */
public interface AdminSessionsUseCase {
    /** A new session; the token goes into the browser's cookie and is never stored. */
    StartedSession start(UserId userId, WorkspaceId workspaceId, String userAgent, String clientAddress);

    /** The live session the token names; an ended, idle or expired one is empty (and forgotten). */
    Optional<AdminSession> resume(String token);

    /** Moves the session to another workspace of the user's. */
    void switchWorkspace(AdminSession session, WorkspaceId workspaceId);

    /** Logout: the token opens nothing any more, on any node. */
    void end(String token);

    /** The user's live sessions, newest first. */
    List<AdminSession> sessionsOf(UserId userId);

    /** The user ends one of their own sessions by its handle; false when they have no such session. */
    boolean endOwn(UserId userId, UUID sessionId);

    /** The user ends all their sessions but {@code keep}; answers how many ended. */
    int endOthers(UserId userId, UUID keep);

    /** A session just started: the token for the cookie, and the session. */
    record StartedSession(String token, AdminSession session) {
        @Override
        public String toString() {
            return "StartedSession[" + session + ", token=***]";
        }
    }
}
