package io.leadsync.application.testing;

import io.leadsync.application.port.out.SessionStore;
import io.leadsync.domain.workspace.AdminSession;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class InMemorySessionStore implements SessionStore {
    private final Map<UUID, AdminSession> sessions = new LinkedHashMap<>();

    @Override
    public synchronized void insert(AdminSession session) {
        sessions.put(session.id(), session);
    }

    @Override
    public synchronized Optional<AdminSession> findByTokenHash(String tokenHash) {
        return sessions.values().stream().filter(session -> session.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public synchronized void update(AdminSession session) {
        sessions.computeIfPresent(session.id(), (id, old) -> session);
    }

    @Override
    public synchronized void delete(UUID id) {
        sessions.remove(id);
    }

    @Override
    public synchronized List<AdminSession> sessionsOf(UserId userId) {
        return sessions.values().stream().filter(session -> session.userId().equals(userId))
                .sorted(Comparator.comparing(AdminSession::createdAt).reversed()).toList();
    }

    @Override
    public synchronized int deleteAllOf(UserId userId) {
        return removeIf(session -> session.userId().equals(userId));
    }

    @Override
    public synchronized int deleteAllOf(UserId userId, WorkspaceId workspaceId) {
        return removeIf(session -> session.userId().equals(userId) && session.workspaceId().equals(workspaceId));
    }

    @Override
    public synchronized int deleteAllIn(WorkspaceId workspaceId) {
        return removeIf(session -> session.workspaceId().equals(workspaceId));
    }

    @Override
    public synchronized int deleteEnded(Instant idleCutoff, Instant absoluteCutoff) {
        return removeIf(session -> session.lastSeenAt().isBefore(idleCutoff)
                || session.createdAt().isBefore(absoluteCutoff));
    }

    private int removeIf(java.util.function.Predicate<AdminSession> which) {
        int before = sessions.size();
        sessions.values().removeIf(which);
        return before - sessions.size();
    }
}
