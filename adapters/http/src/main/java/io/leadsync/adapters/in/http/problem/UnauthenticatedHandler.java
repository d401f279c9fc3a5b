package io.leadsync.adapters.in.http.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers micronaut-security's refusals as problems. Its default handler would answer with an empty body or a login
 * redirect; an API client needs the Bearer challenge and a reason it can read. The detail never says whether a key
 * exists, was revoked or was never valid.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class UnauthenticatedHandler implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {
    static final String CHALLENGE = "Bearer realm=\"leadsync\"";

    @Override
    public HttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            return ProblemResponses.write(HttpResponse.status(HttpStatus.FORBIDDEN),
                    ProblemResponses.ofStatus(request, HttpStatus.FORBIDDEN, "This API key may not do this."));
        }
        return ProblemResponses.of(request, ProblemType.UNAUTHENTICATED,
                        "Send a valid, unrevoked API key as 'Authorization: Bearer <key>'.")
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
    }
}
