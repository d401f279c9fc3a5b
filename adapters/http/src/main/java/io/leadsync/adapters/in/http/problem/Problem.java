package io.leadsync.adapters.in.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem details object. {@code errors} is an extension member listing every bad field or parameter,
 * so a client can fix all of them in one go.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @Nullable List<ProblemError> errors) {
    public Problem {
        errors = errors == null ? null : List.copyOf(errors);
    }
}
