package io.leadsync.adapters.in.http.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Turns the errors Micronaut answers by itself (no route, method not allowed, body too large, unreadable body,
 * unsupported media type, ...) into problem details. Micronaut's default processor steps aside when this bean exists.
 */
@Singleton
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    private final long maxRequestSize;

    ProblemErrorResponseProcessor(HttpServerConfiguration server) {
        this.maxRequestSize = server.getMaxRequestSize();
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        Problem problem = status == HttpStatus.REQUEST_ENTITY_TOO_LARGE
                ? bodyTooLarge(context)
                : ProblemResponses.ofStatus(context.getRequest(), status, detail(context, status));
        return ProblemResponses.write(response, problem);
    }

    private Problem bodyTooLarge(ErrorContext context) {
        ProblemType type = ProblemType.BODY_TOO_LARGE;
        return new Problem(type.uri(), type.title(), type.status().getCode(),
                "The request body exceeds the limit of " + maxRequestSize + " bytes.",
                ProblemResponses.instance(context.getRequest()), null);
    }

    /** Framework messages for client errors are safe and useful; for server errors they may expose internals. */
    private static String detail(ErrorContext context, HttpStatus status) {
        if (status.getCode() >= 500) {
            return "The request failed unexpectedly. It has been logged; please retry later.";
        }
        return context.getErrors().stream().map(Error::getMessage).findFirst().orElse(null);
    }
}
