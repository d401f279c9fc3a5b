package io.leadsync.adapters.in.http.web;

import io.leadsync.adapters.in.http.admin.AdminCaller;
import io.leadsync.application.port.in.GetUserAccessUseCase;
import io.leadsync.application.port.in.UserAccessQuery;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Lets the admin API ({@code /api/admin/**}) accept the admin UI's session as well as an API key, so the pages' users
 * may script what they can click. An {@code Authorization} header wins: then the API key decides.
 */
@Singleton
final class SessionAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    private final SessionCookies cookies;
    private final GetUserAccessUseCase access;
    private final Clock clock;
    private final ExecutorService blocking;

    SessionAuthenticationFetcher(SessionCookies cookies, GetUserAccessUseCase access, Clock clock,
                                 @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.cookies = cookies;
        this.access = access;
        this.clock = clock;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (!request.getPath().startsWith("/api/admin/") || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return Publishers.empty();
        }
        Optional<SessionCookies.Session> session = request.getCookies().findCookie(SessionCookies.COOKIE)
                .map(Cookie::getValue).flatMap(value -> cookies.open(value, clock.instant()));
        if (session.isEmpty()) {
            return Publishers.empty();
        }
        boolean csrfValid = cookies.csrfMatches(session.get(), request.getHeaders().get(WebGuard.CSRF_HEADER));
        // The membership is read from the database, which may block; keep it off the event loop.
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(() -> access.access(
                        new UserAccessQuery(session.get().userId(), Optional.of(session.get().workspaceId())))
                .map(found -> AdminCaller.sessionAuthentication(found.email(), found.workspaceId(), found.role(),
                        csrfValid))
                .orElse(null), blocking));
    }
}
