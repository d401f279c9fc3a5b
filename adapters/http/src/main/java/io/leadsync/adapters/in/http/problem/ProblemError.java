package io.leadsync.adapters.in.http.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One bad input: a body member ({@code pointer} is its RFC 6901 JSON pointer, {@code field} its name) or a query
 * parameter ({@code parameter}), with the rule it broke.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemError(@Nullable String pointer, @Nullable String field, @Nullable String parameter,
                           String detail) {

    public static ProblemError ofField(String field, String detail) {
        return new ProblemError("/" + escape(field), field, null, detail);
    }

    public static ProblemError ofParameter(String parameter, String detail) {
        return new ProblemError(null, null, parameter, detail);
    }

    /** RFC 6901: '~' and '/' inside a member name must be escaped, in that order. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
