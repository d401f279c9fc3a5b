package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.AdminSessionsUseCase;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.SessionStore;
import io.leadsync.domain.workspace.AdminSession;
import io.leadsync.domain.workspace.SessionPolicy;
import io.leadsync.domain.workspace.UserId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Server-side admin UI sessions (ADR 0045). A session lives while requests keep coming within the idle timeout, and
 * never longer than its absolute lifetime; whatever is over is forgotten when it is next presented or at sign-in.
 */
public final class AdminSessionService implements AdminSessionsUseCase {
    private final SessionStore sessions;
    private final SecretGenerator secrets;
    private final IdGenerator ids;
    private final Clock clock;
    private final SessionPolicy policy;

    public AdminSessionService(SessionStore sessions, SecretGenerator secrets, IdGenerator ids, Clock clock,
                               SessionPolicy policy) {
        this.sessions = sessions;
        this.secrets = secrets;
        this.ids = ids;
        this.clock = clock;
        this.policy = policy;
    }

    @Override
    public StartedSession start(UserId userId, WorkspaceId workspaceId, String userAgent, String clientAddress) {
        Instant now = clock.instant();
        sessions.deleteEnded(now.minus(policy.idleTimeout()), now.minus(policy.absoluteLifetime()));
        String token = secrets.newSecret();
        AdminSession session = new AdminSession(ids.newId(), AdminSession.hashOf(token), userId, workspaceId, now, now,
                userAgent, clientAddress);
        sessions.insert(session);
        return new StartedSession(token, session);
    }

    @Override
    public Optional<AdminSession> resume(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Optional<AdminSession> found = sessions.findByTokenHash(AdminSession.hashOf(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        AdminSession session = found.get();
        if (!session.liveAt(now, policy)) {
            sessions.delete(session.id());
            return Optional.empty();
        }
        if (session.dueForTouch(now)) {
            session = session.seenAt(now);
            sessions.update(session);
        }
        return Optional.of(session);
    }

    @Override
    public void switchWorkspace(AdminSession session, WorkspaceId workspaceId) {
        sessions.update(session.inWorkspace(workspaceId));
    }

    @Override
    public void end(String token) {
        if (token != null && !token.isBlank()) {
            sessions.findByTokenHash(AdminSession.hashOf(token)).ifPresent(session -> sessions.delete(session.id()));
        }
    }

    @Override
    public List<AdminSession> sessionsOf(UserId userId) {
        Instant now = clock.instant();
        return sessions.sessionsOf(userId).stream().filter(session -> session.liveAt(now, policy)).toList();
    }

    @Override
    public boolean endOwn(UserId userId, UUID sessionId) {
        Optional<AdminSession> own = sessions.sessionsOf(userId).stream()
                .filter(session -> session.id().equals(sessionId)).findFirst();
        own.ifPresent(session -> sessions.delete(session.id()));
        return own.isPresent();
    }

    @Override
    public int endOthers(UserId userId, UUID keep) {
        int ended = 0;
        for (AdminSession session : sessions.sessionsOf(userId)) {
            if (!session.id().equals(keep)) {
                sessions.delete(session.id());
                ended++;
            }
        }
        return ended;
    }
}
