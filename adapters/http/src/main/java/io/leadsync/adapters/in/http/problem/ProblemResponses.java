package io.leadsync.adapters.in.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/** Builds {@code application/problem+json} responses. */
public final class ProblemResponses {
    public static final String APPLICATION_PROBLEM_JSON = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.of(APPLICATION_PROBLEM_JSON);

    private ProblemResponses() {
    }

    public static MutableHttpResponse<Problem> of(HttpRequest<?> request, ProblemType type, String detail,
                                                  List<ProblemError> errors) {
        Problem problem = new Problem(type.uri(), type.title(), type.status().getCode(), detail, instance(request),
                errors.isEmpty() ? null : errors);
        return write(HttpResponse.status(type.status()), problem);
    }

    public static MutableHttpResponse<Problem> of(HttpRequest<?> request, ProblemType type, String detail) {
        return of(request, type, detail, List.of());
    }

    /** A problem that says no more than its HTTP status. */
    public static Problem ofStatus(HttpRequest<?> request, HttpStatus status, String detail) {
        return new Problem("about:blank", status.getReason(), status.getCode(), detail, instance(request), null);
    }

    static <T> MutableHttpResponse<Problem> write(MutableHttpResponse<T> response, Problem problem) {
        return response.body(problem).contentType(PROBLEM_JSON);
    }

    /** The request path without its query, which may carry values a client would not want echoed into logs. */
    static String instance(HttpRequest<?> request) {
        return request == null ? null : request.getPath();
    }
}
