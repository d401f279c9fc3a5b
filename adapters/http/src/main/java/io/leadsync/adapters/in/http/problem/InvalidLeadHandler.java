package io.leadsync.adapters.in.http.problem;

import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.InvalidLeadException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/** Every broken field rule, from the adapter's parsing or from the domain, answered as one 422. */
@Singleton
final class InvalidLeadHandler implements ExceptionHandler<InvalidLeadException, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidLeadException exception) {
        List<ProblemError> errors = toErrors(exception.violations());
        String detail = errors.size() == 1
                ? "1 field is invalid; nothing was changed."
                : errors.size() + " fields are invalid; nothing was changed.";
        return ProblemResponses.of(request, ProblemType.INVALID_LEAD, detail, errors);
    }

    static List<ProblemError> toErrors(List<FieldViolation> violations) {
        return violations.stream().map(v -> ProblemError.ofField(v.field(), v.rule())).toList();
    }
}
