package io.leadsync.adapters.in.http.agent;

import io.leadsync.application.port.in.capture.AuthenticateAgentQuery;
import io.leadsync.application.port.in.capture.AuthenticateAgentUseCase;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Resolves {@code Authorization: Bearer <api key>} into the key's workspace. A missing, malformed, unknown or revoked
 * key yields no authentication, and micronaut-security then refuses the call with 401. The key itself is never
 * logged or kept.
 */
@Singleton
final class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    private static final String BEARER = "bearer ";
    private static final String MCP = "/mcp";

    private final AuthenticateAgentUseCase authenticate;
    private final ExecutorService blocking;

    ApiKeyAuthenticationFetcher(AuthenticateAgentUseCase authenticate,
                                @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.authenticate = authenticate;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<String> key = bearerToken(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        // The MCP server authenticates its own calls (adapters/mcp); one key lookup per call is enough.
        if (key.isEmpty() || request.getPath().equals(MCP) || request.getPath().startsWith(MCP + "/")) {
            return Publishers.empty();
        }
        // The lookup reads the key store, which may block; keep it off the event loop.
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(
                () -> authenticate.authenticate(new AuthenticateAgentQuery(key.get()))
                        .map(AgentAuthentications::toAuthentication)
                        .orElse(null),
                blocking));
    }

    static Optional<String> bearerToken(String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        String token = header.substring(BEARER.length()).strip();
        return token.isEmpty() || token.contains(" ") ? Optional.empty() : Optional.of(token);
    }
}
