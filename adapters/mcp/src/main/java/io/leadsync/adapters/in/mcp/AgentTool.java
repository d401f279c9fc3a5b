package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;

import java.util.Map;

/** One MCP tool: how a model sees it (name, description, JSON schema) and its call as the calling key's workspace. */
interface AgentTool {
    Tool definition();

    /**
     * @param agent     the key the call came with (its workspace, its actor name)
     * @param arguments the call's arguments as the SDK decoded them
     */
    CallToolResult call(AgentPrincipal agent, Map<String, Object> arguments);
}
