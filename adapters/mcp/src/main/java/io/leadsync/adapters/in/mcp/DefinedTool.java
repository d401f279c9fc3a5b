package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;

import java.util.Map;
import java.util.function.BiFunction;

/** A tool made of its definition and a function: how each tool class declares its tools. */
record DefinedTool(Tool definition, BiFunction<AgentPrincipal, Map<String, Object>, CallToolResult> handler)
        implements AgentTool {
    @Override
    public CallToolResult call(AgentPrincipal agent, Map<String, Object> arguments) {
        return handler.apply(agent, arguments == null ? Map.of() : arguments);
    }
}
