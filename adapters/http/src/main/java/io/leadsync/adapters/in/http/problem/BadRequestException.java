package io.leadsync.adapters.in.http.problem;

import java.util.List;
import java.util.Objects;

/**
 * A request the adapter refuses before any use case runs: a body that is not a JSON object, or bad query parameters.
 * {@code type} is a 400 problem type.
 */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProblemType type;
    private final transient List<ProblemError> errors;

    public BadRequestException(ProblemType type, String detail, List<ProblemError> errors) {
        super(detail);
        this.type = Objects.requireNonNull(type, "type");
        this.errors = List.copyOf(errors);
    }

    public static BadRequestException malformed(String detail) {
        return new BadRequestException(ProblemType.MALFORMED_REQUEST, detail, List.of());
    }

    public ProblemType type() {
        return type;
    }

    public List<ProblemError> errors() {
        return errors;
    }
}
