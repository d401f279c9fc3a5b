package io.leadsync.application.port.in.capture;

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

    /**
     * What to do with a request carrying a key: {@code PROCEED} (run it, then {@link #complete}, or {@link #release}
     * if it is refused or fails), {@code REPLAY} the {@code response} and do nothing else, {@code KEY_REUSED} for a
     * different request, or {@code IN_PROGRESS} while the first request with the key still runs.
     */
    record Start(Kind kind, Optional<Response> response) {
        public enum Kind { PROCEED, REPLAY, KEY_REUSED, IN_PROGRESS }

        public Start {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(response, "response");
        }

        public static Start of(Kind kind) {
            return new Start(kind, Optional.empty());
        }
    }

    /** {@code fingerprint}: what identifies the request (method, path, query, body). */
    Start start(WorkspaceId workspaceId, String key, String fingerprint);

    void complete(WorkspaceId workspaceId, String key, Response response);

    void release(WorkspaceId workspaceId, String key);

    /** Forgets keys older than 24 hours; answers how many. */
    int purgeExpired();
}
