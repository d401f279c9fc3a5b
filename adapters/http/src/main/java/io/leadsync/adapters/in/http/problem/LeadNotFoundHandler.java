package io.leadsync.adapters.in.http.problem;

import io.leadsync.application.port.in.LeadNotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The same answer whether the lead does not exist or belongs to another workspace, so existence never leaks. */
@Singleton
final class LeadNotFoundHandler implements ExceptionHandler<LeadNotFoundException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, LeadNotFoundException exception) {
        return ProblemResponses.of(request, ProblemType.LEAD_NOT_FOUND,
                "This workspace has no lead with id " + exception.leadId() + ".");
    }
}
