package io.leadsync.adapters.in.http.web;

import io.leadsync.adapters.in.http.admin.AdminCaller;
import io.leadsync.application.port.in.administer.GetUserAccessUseCase;
import io.leadsync.application.port.in.administer.UserAccessQuery;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

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
    private final ExecutorService blocking;

    SessionAuthenticationFetcher(SessionCookies cookies, GetUserAccessUseCase access,
                                 @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.cookies = cookies;
        this.access = access;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (!request.getPath().startsWith("/api/admin/") || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return Publishers.empty();
        }
        Optional<String> token = SessionCookies.token(request);
        if (token.isEmpty()) {
            return Publishers.empty();
        }
        boolean csrfValid = SessionCookies.csrfMatches(token.get(), request.getHeaders().get(WebGuard.CSRF_HEADER));
        // The session and the membership are read from the database, which may block; keep it off the event loop.
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(() -> cookies.resume(request)
                .flatMap(found -> access.access(new UserAccessQuery(found.session().userId(),
                        Optional.of(found.session().workspaceId())))
                        .map(user -> AdminCaller.sessionAuthentication(user.email(), user.workspaceId(), user.role(),
                                csrfValid, found.session().id())))
                .orElse(null), blocking));
    }
}
