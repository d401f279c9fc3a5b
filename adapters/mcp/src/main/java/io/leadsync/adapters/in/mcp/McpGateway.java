package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge between the MCP Java SDK and Micronaut (ADR 0049). The SDK brings the protocol (initialize and version
 * negotiation, tools/list, tools/call, errors) behind its {@link McpStatelessServerTransport} abstraction, whose own
 * implementations are a servlet and Spring WebFlux; Micronaut's Netty server has neither. This class is that transport
 * for a Micronaut controller: the controller hands it one POSTed JSON-RPC message and the authenticated key, and it
 * answers the SDK's JSON-RPC response (or nothing, for a notification). Stateless Streamable HTTP: every POST stands
 * alone and carries its own key, so any node of a cluster answers any call and no session lives in memory.
 */
@Singleton
final class McpGateway implements McpStatelessServerTransport {
    /** The key's principal, in the SDK's per-call context where the tools read it. */
    static final String AGENT = "leadsync.agent";
    private static final Logger LOG = LoggerFactory.getLogger(McpGateway.class);

    /** What to answer over HTTP: a status and a JSON body, or no body (202 for a notification). */
    record Reply(int status, Optional<String> json) {
    }

    private final McpJsonMapper json;
    /** Kept so the SDK's server, which registered itself as this transport's handler, lives as long as it. */
    private final McpStatelessSyncServer server;
    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    McpGateway(McpTools tools) {
        this.json = tools.json();
        this.server = McpServer.sync(this)
                .serverInfo("LeadSync", "1.0")
                .instructions("LeadSync keeps your leads in step with the workspace's CRMs (Salesforce, HubSpot, "
                        + "webhooks). Capture a lead with capture_lead (your own leadId names it), change it with "
                        + "update_lead or change_lead_status, record what you did with log_activity. Call "
                        + "list_crm_connections to see which CRMs you may target; use dryRun to preview.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                // LeadSync checks arguments itself, with the agent REST API's rules and words (ToolArguments).
                .validateToolInputs(false)
                // Tools run on the thread that received the call (Micronaut's blocking pool), not a second pool.
                .immediateExecution(true)
                .tools(tools.all().stream().map(McpGateway::specification).toList())
                .build();
    }

    private static McpStatelessServerFeatures.SyncToolSpecification specification(AgentTool tool) {
        return new McpStatelessServerFeatures.SyncToolSpecification(tool.definition(), (context, request) ->
                tool.call((AgentPrincipal) context.get(AGENT), request.arguments()));
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
        this.handler = mcpHandler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    /** One POSTed message from an authenticated agent key. */
    Reply handle(AgentPrincipal agent, String body) {
        if (closing) {
            return new Reply(503, Optional.of(error(null, McpSchema.ErrorCodes.INTERNAL_ERROR,
                    "LeadSync is shutting down; call again.")));
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, body);
        } catch (IOException | IllegalArgumentException e) {
            return new Reply(400, Optional.of(error(null, McpSchema.ErrorCodes.PARSE_ERROR,
                    "The body is not a JSON-RPC 2.0 request or notification.")));
        }
        McpTransportContext context = McpTransportContext.create(Map.of(AGENT, agent));
        if (message instanceof McpSchema.JSONRPCRequest request) {
            try {
                McpSchema.JSONRPCResponse response = handler.handleRequest(context, request)
                        .contextWrite(reactive -> reactive.put(McpTransportContext.KEY, context)).block();
                return new Reply(200, Optional.of(json.writeValueAsString(response)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                // A bug, not a refusal (refusals are tool errors): say so without the internals, log it for us.
                LOG.error("MCP request {} failed", request.method(), e);
                return new Reply(500, Optional.of(error(request.id(), McpSchema.ErrorCodes.INTERNAL_ERROR,
                        "LeadSync failed to handle this request.")));
            }
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            handler.handleNotification(context, notification)
                    .contextWrite(reactive -> reactive.put(McpTransportContext.KEY, context)).block();
            return new Reply(202, Optional.empty());
        }
        return new Reply(400, Optional.of(error(null, McpSchema.ErrorCodes.INVALID_REQUEST,
                "LeadSync takes JSON-RPC requests and notifications, not responses.")));
    }

    /** A JSON-RPC error; {@code id} null when the request's id could not be read (JSON-RPC allows null there). */
    String error(Object id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        error.put("id", id);
        error.put("error", Map.of("code", code, "message", message));
        try {
            return json.writeValueAsString(error);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
