package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.AdminSessionsUseCase;
import io.leadsync.domain.workspace.AdminSession;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The admin UI's session cookie (ADR 0045): a random token naming a session kept in PostgreSQL, HttpOnly,
 * SameSite=Lax, Secure over HTTPS. The CSRF token every form carries is a one-way function of the session token, so
 * it changes with every sign-in and tells nothing about the token.
 */
final class SessionCookies {
    static final String COOKIE = "leadsync_session";

    /** A request's live session and the token that named it. */
    record Resumed(String token, AdminSession session) {
        @Override
        public String toString() {
            return "Resumed[" + session + ", token=***]";
        }
    }

    private final AdminSessionsUseCase sessions;
    private final ClientRequests clients;
    private final Duration lifetime;

    SessionCookies(AdminSessionsUseCase sessions, ClientRequests clients, Duration lifetime) {
        this.sessions = sessions;
        this.clients = clients;
        this.lifetime = lifetime;
    }

    /** The live session the request's cookie names, if any; reads the database. */
    Optional<Resumed> resume(HttpRequest<?> request) {
        return token(request).flatMap(token -> sessions.resume(token).map(session -> new Resumed(token, session)));
    }

    static Optional<String> token(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).filter(value -> !value.isBlank());
    }

    /** Signs the browser in: a new session, never the one it may have carried before (no session fixation). */
    Cookie startFor(HttpRequest<?> request, io.leadsync.domain.workspace.UserId userId,
                    io.leadsync.domain.workspace.WorkspaceId workspaceId) {
        token(request).ifPresent(sessions::end);
        String agent = request.getHeaders().get("User-Agent");
        AdminSessionsUseCase.StartedSession started = sessions.start(userId, workspaceId, agent == null ? "" : agent,
                clients.clientAddress(request));
        return cookie(request, started.token()).maxAge(lifetime);
    }

    Cookie cleared(HttpRequest<?> request) {
        return cookie(request, "").maxAge(0);
    }

    private Cookie cookie(HttpRequest<?> request, String value) {
        return Cookie.of(COOKIE, value).path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(clients.secure(request));
    }

    static String csrfToken(String sessionToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("csrf|" + sessionToken).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static boolean csrfMatches(String sessionToken, String presented) {
        return presented != null && MessageDigest.isEqual(csrfToken(sessionToken).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
