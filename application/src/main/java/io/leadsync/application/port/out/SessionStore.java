package io.leadsync.application.port.out;

import io.leadsync.domain.workspace.AdminSession;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The admin UI's sessions, shared by every node (ADR 0045). Looked up by the hash of the browser's token; a deleted
 * session is over on every node at once.
 */
public interface SessionStore {
    void insert(AdminSession session);

    Optional<AdminSession> findByTokenHash(String tokenHash);

    /** Stores the session's new last request time and workspace. */
    void update(AdminSession session);

    void delete(UUID id);

    /** Every session of the user, newest first. */
    List<AdminSession> sessionsOf(UserId userId);

    /** Ends every session of the user; answers how many ended. */
    int deleteAllOf(UserId userId);

    /** Ends the user's sessions that act in the workspace (they were removed from it). */
    int deleteAllOf(UserId userId, WorkspaceId workspaceId);

    /** Ends every session acting in the workspace (it was suspended). */
    int deleteAllIn(WorkspaceId workspaceId);

    /** Forgets sessions idle since before {@code idleCutoff} or started before {@code absoluteCutoff}. */
    int deleteEnded(Instant idleCutoff, Instant absoluteCutoff);
}
