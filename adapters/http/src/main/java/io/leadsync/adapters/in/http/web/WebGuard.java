package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.GetUserAccessUseCase;
import io.leadsync.application.port.in.administer.UserAccess;
import io.leadsync.application.port.in.administer.UserAccessQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.filter.FilterBodyParser;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Guards every page under {@code /app}: a valid session of a user who still belongs to its workspace (else the login
 * page), on every request that changes something a CSRF token of that session (form field {@code _csrf} or header
 * {@code X-CSRF-Token}, else 403), and a role that may change things (a viewer gets 403; switching workspace and
 * logging out are always allowed).
 */
@ServerFilter("/app/**")
final class WebGuard {
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** What every user may do to themselves, whatever their role. */
    private static final Set<String> OPEN_TO_VIEWERS = Set.of("/app/logout", "/app/switch", "/app/account/password",
            "/app/account/sessions/end", "/app/account/sessions/end-others");

    private final SessionCookies cookies;
    private final GetUserAccessUseCase access;
    private final FilterBodyParser bodies;

    WebGuard(SessionCookies cookies, GetUserAccessUseCase access, FilterBodyParser bodies) {
        this.cookies = cookies;
        this.access = access;
        this.bodies = bodies;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> guard(HttpRequest<?> request) {
        Optional<SessionCookies.Resumed> session = cookies.resume(request);
        Optional<UserAccess> userAccess = session.flatMap(found -> access.access(
                new UserAccessQuery(found.session().userId(), Optional.of(found.session().workspaceId()))));
        boolean reads = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        if (userAccess.isEmpty()) {
            if (reads) {
                // Back to this page after signing in (the confirmation of a CRM connect, a bookmarked page).
                String here = request.getUri().getRawPath() + (request.getUri().getRawQuery() == null ? ""
                        : "?" + request.getUri().getRawQuery());
                return HttpResponse.seeOther(URI.create("/login?next=" + URLEncoder.encode(here,
                        StandardCharsets.UTF_8)));
            }
            return ErrorPages.page(HttpStatus.UNAUTHORIZED, "Signed out",
                    "Your session has ended. Log in again, then repeat what you were doing.", "/login", "Log in");
        }
        WebContext context = new WebContext(session.get().session(), userAccess.get(),
                SessionCookies.csrfToken(session.get().token()));
        if (!reads) {
            String token = request.getHeaders().get(CSRF_HEADER);
            if (token == null) {
                token = formField(request, CSRF_FIELD);
            }
            if (!SessionCookies.csrfMatches(session.get().token(), token)) {
                return ErrorPages.page(HttpStatus.FORBIDDEN, "Form expired",
                        "This form did not carry a valid security token, so nothing was changed. "
                                + "Reload the page and try again.", "/app/integrations", "Back to LeadSync");
            }
            if (!context.mayChange() && !OPEN_TO_VIEWERS.contains(request.getPath())) {
                return ErrorPages.page(HttpStatus.FORBIDDEN, "View only",
                        "You are a viewer in " + context.access().workspaceName() + ": you can see everything but "
                                + "change nothing. Ask an owner for the admin role.", "/app/integrations",
                        "Back to LeadSync");
            }
        }
        request.setAttribute(WebContext.ATTRIBUTE, context);
        return null;
    }

    /** One field of a form body; the controller can still read the body afterwards. */
    private String formField(HttpRequest<?> request, String name) {
        CompletableFuture<Map<String, Object>> parsed = bodies.parseBody(request);
        try {
            Object value = parsed.get(10, TimeUnit.SECONDS).get(name);
            if (value instanceof List<?> values) {
                return values.isEmpty() ? null : String.valueOf(values.get(0));
            }
            return value == null ? null : String.valueOf(value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException | RuntimeException unreadable) {
            return null;
        }
    }
}
