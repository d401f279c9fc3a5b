package io.leadsync.adapters.in.mcp;

import io.leadsync.domain.lead.FieldViolation;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a tool answers. A success carries the answer as JSON text (what every model reads) and as structured content
 * (what a program reads). A refusal is a tool error ({@code isError}), not a protocol error, so the model sees it and
 * can correct its call: one line per bad argument, {@code field: rule}, and the same in structured form.
 */
final class ToolResults {
    private final McpJsonMapper json;

    ToolResults(McpJsonMapper json) {
        this.json = json;
    }

    CallToolResult ok(Map<String, Object> answer) {
        return CallToolResult.builder().addTextContent(write(answer)).structuredContent(answer).isError(false).build();
    }

    /** Bad arguments: nothing was written. */
    CallToolResult invalid(String what, List<FieldViolation> violations) {
        String lines = violations.stream().map(v -> "- " + v.field() + ": " + v.rule())
                .collect(Collectors.joining("\n"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", "invalid-arguments");
        answer.put("message", what + "; nothing was written. Fix these arguments and call again:\n" + lines);
        answer.put("errors", violations.stream().map(v -> Map.of("field", v.field(), "rule", v.rule())).toList());
        return error(answer);
    }

    /** A refusal that is not about one argument's value (an unknown lead, a duplicate, a reused key). */
    CallToolResult refused(String error, String message, Map<String, Object> more) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("message", message);
        answer.putAll(more);
        return error(answer);
    }

    /** A stored answer replayed for a retried idempotency key, as it was first given. */
    CallToolResult replay(String storedJson) {
        Map<String, Object> answer = read(storedJson);
        answer.put("idempotentReplayed", true);
        return ok(answer);
    }

    String write(Object answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String stored) {
        try {
            return new LinkedHashMap<>(json.readValue(stored, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CallToolResult error(Map<String, Object> answer) {
        // The text leads with the message so a model reads the reason first, then the detail as JSON.
        return CallToolResult.builder().addTextContent(answer.get("message") + "\n" + write(answer))
                .structuredContent(answer).isError(true).build();
    }
}
