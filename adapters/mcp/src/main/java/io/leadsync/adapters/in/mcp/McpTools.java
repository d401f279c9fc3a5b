package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.GetLeadUseCase;
import io.leadsync.application.port.in.capture.IdempotencyUseCase;
import io.leadsync.application.port.in.delivery.LeadDeliveryStatesUseCase;
import io.leadsync.application.port.in.pull.LeadLinksUseCase;
import io.leadsync.application.port.in.capture.ListAgentTargetsUseCase;
import io.leadsync.application.port.in.capture.ListLeadsUseCase;
import io.leadsync.application.port.in.capture.LogActivityUseCase;
import io.leadsync.application.port.in.capture.PerformLeadActionUseCase;
import io.leadsync.application.port.in.capture.RecordAgentCallUseCase;
import io.leadsync.application.port.in.capture.SearchLeadsUseCase;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The eight tools, each over the use cases the agent REST API (or, for reads, the admin UI) calls: no second
 * implementation of any rule lives here, only argument checking and answer shaping.
 */
@Singleton
final class McpTools {
    private final McpJsonMapper json = McpJsonDefaults.getMapper();
    private final List<AgentTool> all = new ArrayList<>();

    McpTools(PerformLeadActionUseCase actions, LogActivityUseCase activities, GetLeadUseCase get,
             ListLeadsUseCase list, SearchLeadsUseCase search, LeadDeliveryStatesUseCase states,
             LeadLinksUseCase links, ListAgentTargetsUseCase targets, IdempotencyUseCase idempotency,
             RecordAgentCallUseCase audit, Clock clock,
             io.leadsync.application.port.in.capture.CaptureLeadsUseCase batches) {
        ToolCalls calls = new ToolCalls(new ToolResults(json), idempotency, audit);
        TargetNames names = new TargetNames(targets);
        all.addAll(new LeadWriteTools(actions, calls, names).tools());
        all.add(new CaptureLeadsTool(batches, calls, names).tool());
        all.add(new LogActivityTool(activities, get, calls, names, clock).tool());
        all.addAll(new LeadReadTools(get, list, search, states, links, targets, calls).tools());
        all.add(new ListConnectionsTool(targets, calls).tool());
    }

    List<AgentTool> all() {
        return List.copyOf(all);
    }

    McpJsonMapper json() {
        return json;
    }
}
