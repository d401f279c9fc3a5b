package io.leadsync.adapters.in.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
final class BadRequestHandler implements ExceptionHandler<BadRequestException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, BadRequestException exception) {
        return ProblemResponses.of(request, exception.type(), exception.getMessage(), exception.errors());
    }
}
