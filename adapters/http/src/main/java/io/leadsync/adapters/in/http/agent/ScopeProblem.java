package io.leadsync.adapters.in.http.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * RFC 9457 problem for an API key without the scope an API needs; {@code missingScope} is an extension member a
 * client can act on without parsing the detail.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScopeProblem(String type, String title, int status, String detail, @Nullable String instance,
                    String missingScope) {
    static final String TYPE = "https://leadsync.io/problems/missing-scope";

    ScopeProblem(String missingScope, String detail) {
        this(TYPE, "The API key lacks the scope this API needs", 403, detail, null, missingScope);
    }

    ScopeProblem withInstance(String path) {
        return new ScopeProblem(type, title, status, detail, path, missingScope);
    }
}
