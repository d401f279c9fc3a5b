package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.AuthenticateAgentQuery;
import io.leadsync.application.port.in.capture.AuthenticateAgentUseCase;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /mcp}: LeadSync's MCP server over the Streamable HTTP transport, stateless (ADR 0049). Every POST carries an
 * agent-scoped API key ({@code Authorization: Bearer}); the key names the workspace. A missing or wrong key is 401 and
 * an admin-only key 403, before the SDK or any tool sees the message. There is no server-to-client stream, so GET
 * (which would open one) and DELETE (which would end a session) are 405, as the transport specifies for such servers.
 */
@Controller("/mcp")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class McpController {
    private static final String BEARER = "bearer ";

    private final McpGateway gateway;
    private final AuthenticateAgentUseCase authenticate;

    McpController(McpGateway gateway, AuthenticateAgentUseCase authenticate) {
        this.gateway = gateway;
        this.authenticate = authenticate;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<String> post(HttpRequest<?> request, @Nullable @Body byte[] body) {
        Optional<String> foreignOrigin = foreignOrigin(request);
        if (foreignOrigin.isPresent()) {
            // The transport requires servers to check Origin: a web page must not drive a local MCP server.
            return json(HttpStatus.FORBIDDEN, gateway.error(null, -32001, "Requests from the origin "
                    + foreignOrigin.get() + " are not accepted."));
        }
        Optional<AgentPrincipal> agent = bearerToken(request.getHeaders().get(HttpHeaders.AUTHORIZATION))
                .flatMap(key -> authenticate.authenticate(new AuthenticateAgentQuery(key)));
        if (agent.isEmpty()) {
            return json(HttpStatus.UNAUTHORIZED, gateway.error(null, -32001, "A valid LeadSync API key with the "
                    + "agent scope is required: Authorization: Bearer <key>."))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"LeadSync MCP\"");
        }
        if (!agent.get().allows(ApiKeyScope.AGENT)) {
            return json(HttpStatus.FORBIDDEN, gateway.error(null, -32001, "The MCP server needs an API key with the "
                    + "scope agent; this key (" + agent.get().keyPrefix() + "...) has only admin. Issue an agent key "
                    + "in Settings."));
        }
        McpGateway.Reply reply = gateway.handle(agent.get(), body == null ? ""
                : new String(body, StandardCharsets.UTF_8));
        if (reply.json().isEmpty()) {
            return HttpResponse.status(HttpStatus.valueOf(reply.status()));
        }
        return json(HttpStatus.valueOf(reply.status()), reply.json().get());
    }

    /** A client asks for the SSE stream with Accept: text/event-stream; it gets 405, not a 406 about the type. */
    @Get
    @Produces({MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON})
    HttpResponse<String> stream() {
        return notAllowed();
    }

    @Delete
    @Produces({MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON})
    HttpResponse<String> endSession() {
        return notAllowed();
    }

    private static HttpResponse<String> notAllowed() {
        return HttpResponse.<String>status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST");
    }

    private static MutableHttpResponse<String> json(HttpStatus status, String json) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(json);
    }

    /** The Origin header when it names another host than the one called; browsers send it, MCP clients do not. */
    static Optional<String> foreignOrigin(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (origin == null) {
            return Optional.empty();
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host) ? Optional.empty() : Optional.of(origin);
        } catch (IllegalArgumentException e) {
            return Optional.of(origin);
        }
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
