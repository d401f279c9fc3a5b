package io.leadsync.adapters.in.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: Micronaut picks the handler closest to an exception's type, so this one only sees what no other
 * handler knows. The client gets a generic 500; the cause goes to the log, never into the response.
 */
@Singleton
final class UnexpectedErrorHandler implements ExceptionHandler<Throwable, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, Throwable exception) {
        LOG.error("Unexpected error on {} {}", request.getMethodName(), request.getPath(), exception);
        return ProblemResponses.of(request, ProblemType.INTERNAL_ERROR,
                "The request failed unexpectedly. It has been logged; please retry later.");
    }
}
