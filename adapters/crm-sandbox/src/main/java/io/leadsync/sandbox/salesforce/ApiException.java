package io.leadsync.sandbox.salesforce;

import java.util.List;

/** Ends a REST request with an HTTP status and Salesforce's error array. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<ApiError> errors;

    ApiException(int status, List<ApiError> errors) {
        super(errors.isEmpty() ? "HTTP " + status : errors.get(0).code() + ": " + errors.get(0).message(), null,
                false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    ApiException(int status, ApiError error) {
        this(status, List.of(error));
    }

    static ApiException notFound() {
        return new ApiException(404, ApiError.of("NOT_FOUND", ApiError.NOT_FOUND_MESSAGE));
    }

    static ApiException invalidSession() {
        return new ApiException(401, ApiError.of("INVALID_SESSION_ID", "Session expired or invalid"));
    }

    int status() {
        return status;
    }

    List<ApiError> errors() {
        return errors;
    }
}
