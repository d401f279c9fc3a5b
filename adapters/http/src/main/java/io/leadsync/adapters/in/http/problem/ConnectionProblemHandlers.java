package io.leadsync.adapters.in.http.problem;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.application.port.in.CrmCallFailedException;
import io.leadsync.application.port.in.CrmNotConfiguredException;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Problem responses for the connection use cases' declared errors. */
@Factory
final class ConnectionProblemHandlers {
    @Singleton
    ExceptionHandler<ConnectionNotFoundException, HttpResponse<?>> connectionNotFound() {
        return (HttpRequest request, ConnectionNotFoundException e) ->
                ProblemResponses.of(request, ProblemType.CONNECTION_NOT_FOUND, "This workspace has no such connection.");
    }

    @Singleton
    ExceptionHandler<ConnectionNotSyncingException, HttpResponse<?>> connectionNotSyncing() {
        return (HttpRequest request, ConnectionNotSyncingException e) ->
                ProblemResponses.of(request, ProblemType.CONNECTION_NOT_SYNCING, e.getMessage());
    }

    @Singleton
    ExceptionHandler<CrmCallFailedException, HttpResponse<?>> crmCallFailed() {
        return (HttpRequest request, CrmCallFailedException e) ->
                ProblemResponses.of(request, ProblemType.CRM_CALL_FAILED, e.getMessage());
    }

    @Singleton
    ExceptionHandler<CrmNotConfiguredException, HttpResponse<?>> crmNotConfigured() {
        return (HttpRequest request, CrmNotConfiguredException e) ->
                ProblemResponses.of(request, ProblemType.CRM_NOT_CONFIGURED, e.getMessage());
    }
}
