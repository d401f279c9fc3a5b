package io.leadsync.application.port.in;

import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code Idempotency-Key}: a request retried with the same key is answered with the first response and does nothing
 * else, on any node, for 24 hours (ADR 0021).
 */
public interface IdempotencyUseCase {
    /** The response to replay. */
    record Response(int status, String body, Optional<String> location) {
        public Response {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(location, "location");
        }
    }

    /** What to do with a request carrying a key. */
    sealed interface Start {
    }

    /** Run the request, then {@link #complete} (or {@link #release} if it is refused or fails). */
    record Proceed() implements Start {
    }

    /** The key was used for this request before: answer this and do nothing else. */
    record Replay(Response response) implements Start {
    }

    /** The key was used for a different request. */
    record KeyReused() implements Start {
    }

    /** The first request with the key is still running. */
    record InProgress() implements Start {
    }

    /** {@code fingerprint}: what identifies the request (method, path, query, body). */
    Start start(WorkspaceId workspaceId, String key, String fingerprint);

    void complete(WorkspaceId workspaceId, String key, Response response);

    void release(WorkspaceId workspaceId, String key);

    /** Forgets keys older than 24 hours; answers how many. */
    int purgeExpired();
}
