package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.IdempotencyUseCase;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs an agent action under its {@code Idempotency-Key} (ADR 0021): the first request's response is stored and a
 * retry with the same key and request gets it back, with {@code Idempotent-Replayed: true}, and nothing else happens.
 * A refused or failed request is not remembered (it wrote nothing), so its retry runs again. Dry runs write nothing,
 * so they are not remembered either.
 */
@Singleton
final class IdempotentRequests {
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyUseCase idempotency;
    private final JsonMapper json;

    IdempotentRequests(IdempotencyUseCase idempotency, JsonMapper json) {
        this.idempotency = idempotency;
        this.json = json;
    }

    HttpResponse<JsonNode> run(HttpRequest<?> request, AgentPrincipal agent, String body, boolean dryRun,
                               Supplier<MutableHttpResponse<JsonNode>> action) {
        Optional<String> key = request.getHeaders().getFirst(HEADER);
        if (key.isEmpty() || dryRun) {
            return action.get();
        }
        if (key.get().isBlank() || key.get().length() > MAX_KEY_LENGTH) {
            throw new BadRequestException(ProblemType.INVALID_REQUEST, "The Idempotency-Key header is invalid.",
                    List.of(new ProblemError(null, HEADER, null, "must be 1 to " + MAX_KEY_LENGTH + " characters")));
        }
        String fingerprint = request.getMethodName() + " " + request.getUri() + "\n" + (body == null ? "" : body);
        IdempotencyUseCase.Start start = idempotency.start(agent.workspaceId(), key.get(), fingerprint);
        if (start.kind() == IdempotencyUseCase.Start.Kind.REPLAY) {
            IdempotencyUseCase.Response stored = start.response().orElseThrow();
            MutableHttpResponse<JsonNode> replayed = HttpResponse.<JsonNode>status(
                    HttpStatus.valueOf(stored.status())).body(read(stored.body()));
            stored.location().ifPresent(location -> replayed.header(HttpHeaders.LOCATION, location));
            return replayed.header(REPLAYED, "true");
        }
        if (start.kind() == IdempotencyUseCase.Start.Kind.KEY_REUSED) {
            throw new BadRequestException(ProblemType.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a "
                    + "different request in the last 24 hours; send a new key for a new request.",
                    List.of(new ProblemError(null, HEADER, null, "was used for a different request")));
        }
        if (start.kind() == IdempotencyUseCase.Start.Kind.IN_PROGRESS) {
            throw new BadRequestException(ProblemType.IDEMPOTENCY_KEY_IN_USE, "The first request with this "
                    + "Idempotency-Key is still running; retry in a moment to get its response.", List.of());
        }
        MutableHttpResponse<JsonNode> response;
        try {
            response = action.get();
        } catch (RuntimeException | Error e) {
            idempotency.release(agent.workspaceId(), key.get());
            throw e;
        }
        idempotency.complete(agent.workspaceId(), key.get(), new IdempotencyUseCase.Response(response.code(),
                write(response.body()), Optional.ofNullable(response.getHeaders().get(HttpHeaders.LOCATION))));
        return response;
    }

    private JsonNode read(String body) {
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
