package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.domain.crm.ConnectionId;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.UUID;

/** What the connection controllers share: the connection id from the path, and their 422 problems. */
final class AdminRequests {
    private AdminRequests() {
    }

    /** A problem error at a nested path; member names here never need RFC 6901 escaping. */
    static ProblemError at(String path, @Nullable String member, String rule) {
        String full = member == null ? path : path + "/" + member;
        return new ProblemError("/" + full, full, null, rule);
    }

    static BadRequestException invalid(String detail, List<ProblemError> errors) {
        return new BadRequestException(ProblemType.INVALID_REQUEST, detail, errors);
    }

    /** An id that is not a UUID names no connection of this workspace: the same 404 as an unknown one. */
    static ConnectionId connectionId(String raw) {
        try {
            return new ConnectionId(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            throw new ConnectionNotFoundException(raw);
        }
    }
}
