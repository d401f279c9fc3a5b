package io.leadsync.adapters.in.http.problem;

import io.leadsync.application.port.in.capture.InvalidTargetsException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Unusable targets, from the request or a routing rule, as one 422 naming each connection and what is wrong. */
@Singleton
final class InvalidTargetsHandler implements ExceptionHandler<InvalidTargetsException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidTargetsException exception) {
        return ProblemResponses.of(request, ProblemType.INVALID_TARGETS, exception.getMessage(),
                exception.violations().stream().map(violation -> new ProblemError("/" + violation.path(),
                        violation.path().contains("/") ? violation.path().substring(0, violation.path().indexOf('/'))
                                : violation.path(), null,
                        "connection " + violation.target() + " " + violation.rule())).toList());
    }
}
