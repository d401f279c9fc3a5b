package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.DuplicateLeadException;
import io.leadsync.application.port.in.capture.IdempotencyUseCase;
import io.leadsync.application.port.in.capture.InvalidTargetsException;
import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.capture.RecordAgentCallUseCase;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadId;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What every tool call shares: the core's refusals turned into tool errors a model can act on (never protocol
 * errors), the {@code idempotencyKey} option through the same idempotency use case as the REST API's header (ADR 0021),
 * and the audit entry that puts the call on its lead's History.
 */
final class ToolCalls {
    static final String CHANNEL = "mcp";
    private static final int MAX_KEY_LENGTH = 255;

    private final ToolResults results;
    private final IdempotencyUseCase idempotency;
    private final RecordAgentCallUseCase audit;

    ToolCalls(ToolResults results, IdempotencyUseCase idempotency, RecordAgentCallUseCase audit) {
        this.results = results;
        this.idempotency = idempotency;
        this.audit = audit;
    }

    ToolResults results() {
        return results;
    }

    /** Runs a call of the core, turning its refusals into tool errors. */
    CallToolResult guarded(Supplier<CallToolResult> call) {
        try {
            return call.get();
        } catch (InvalidLeadException e) {
            return results.invalid("The lead has invalid fields", e.violations());
        } catch (InvalidTargetsException e) {
            return results.invalid("A target cannot take this action", e.violations().stream()
                    .map(v -> new FieldViolation(field(v.path()), "\"" + v.target() + "\" " + v.rule())).toList());
        } catch (LeadNotFoundException e) {
            return results.refused("lead-not-found", "This workspace has no lead \"" + e.leadId() + "\"; nothing was "
                    + "written. Create it with capture_lead, or look it up with find_leads.", Map.of("leadId",
                    e.leadId()));
        } catch (DuplicateLeadException e) {
            return results.refused("duplicate-lead", "A lead with the same " + e.field().apiName() + " exists: \""
                    + e.existing().value() + "\"; nothing was written. Update that lead instead (update_lead).",
                    Map.of("duplicateOf", e.existing().value(), "matchedOn", e.field().apiName()));
        }
    }

    /**
     * Runs a write under its idempotency key, if the call has one: a retry with the same key and arguments gets the
     * first answer back and writes nothing; the same key with other arguments is refused. Refusals are not remembered
     * (they wrote nothing), so their retry runs again.
     */
    CallToolResult idempotent(AgentPrincipal agent, String tool, Map<String, Object> arguments,
                              Optional<String> key, Supplier<CallToolResult> write) {
        if (key.isEmpty()) {
            return guarded(write);
        }
        if (key.get().isBlank() || key.get().length() > MAX_KEY_LENGTH) {
            return results.invalid("The idempotency key is invalid", List.of(new FieldViolation(
                    ToolSchemas.IDEMPOTENCY_KEY, "must be 1 to " + MAX_KEY_LENGTH + " characters")));
        }
        Map<String, Object> rest = new TreeMap<>(arguments);
        rest.remove(ToolSchemas.IDEMPOTENCY_KEY);
        // The tool's name is part of the request, as the method and path are for REST.
        String fingerprint = "MCP " + tool + "\n" + results.write(rest);
        IdempotencyUseCase.Start start = idempotency.start(agent.workspaceId(), key.get(), fingerprint);
        switch (start.kind()) {
            case REPLAY -> {
                return results.replay(start.response().orElseThrow().body());
            }
            case KEY_REUSED -> {
                return results.refused("idempotency-key-reused", "This idempotencyKey was used for a different call "
                        + "in the last 24 hours; nothing was written. Send a new key for a new action.", Map.of());
            }
            case IN_PROGRESS -> {
                return results.refused("idempotency-key-in-use", "The first call with this idempotencyKey is still "
                        + "running; call again in a moment to get its answer.", Map.of());
            }
            default -> {
            }
        }
        CallToolResult result;
        try {
            result = guarded(write);
        } catch (RuntimeException | Error e) {
            idempotency.release(agent.workspaceId(), key.get());
            throw e;
        }
        if (Boolean.TRUE.equals(result.isError())) {
            idempotency.release(agent.workspaceId(), key.get());
        } else {
            idempotency.complete(agent.workspaceId(), key.get(), new IdempotencyUseCase.Response(200,
                    results.write(result.structuredContent()), Optional.empty()));
        }
        return result;
    }

    /** Puts a tool call that wrote something on its lead's History, with the agent it belongs to. */
    void audit(AgentPrincipal agent, String tool, LeadId leadId, Optional<String> agentId, String outcome) {
        audit.record(new RecordAgentCallUseCase.AgentCall(agent.workspaceId(), agent.actor(), CHANNEL, tool,
                Optional.of(leadId), agentId, outcome));
    }

    /** {@code /targets/1} as the tool's argument path {@code targets/1}; a routing rule's path stays as it is. */
    private static String field(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
