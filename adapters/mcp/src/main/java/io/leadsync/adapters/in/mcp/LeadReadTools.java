package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.GetLeadQuery;
import io.leadsync.application.port.in.capture.GetLeadUseCase;
import io.leadsync.application.port.in.delivery.LeadDeliveryStatesUseCase;
import io.leadsync.application.port.in.delivery.LeadDeliveryStatesUseCase.LeadDeliveryState;
import io.leadsync.application.port.in.pull.LeadLinksUseCase;
import io.leadsync.application.port.in.capture.LeadPage;
import io.leadsync.application.port.in.capture.ListAgentTargetsUseCase;
import io.leadsync.application.port.in.capture.ListLeadsQuery;
import io.leadsync.application.port.in.capture.ListLeadsUseCase;
import io.leadsync.application.port.in.capture.SearchLeadsUseCase;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.lead.AgentId;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.lead.LeadStatus;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code get_lead} (the lead and its state in each CRM, as the admin UI's lead page reads them) and {@code find_leads}
 * (the agent API's list, or the admin UI's search when a text is given), read only.
 */
final class LeadReadTools {
    private static final int DEFAULT_SIZE = 20;
    /** Beyond this a page of any size is empty anyway; it keeps the offset well inside an int. */
    private static final int MAX_PAGE = 100_000;

    private final GetLeadUseCase get;
    private final ListLeadsUseCase list;
    private final SearchLeadsUseCase search;
    private final LeadDeliveryStatesUseCase states;
    private final LeadLinksUseCase links;
    private final ListAgentTargetsUseCase connections;
    private final ToolCalls calls;

    LeadReadTools(GetLeadUseCase get, ListLeadsUseCase list, SearchLeadsUseCase search,
                  LeadDeliveryStatesUseCase states, LeadLinksUseCase links, ListAgentTargetsUseCase connections,
                  ToolCalls calls) {
        this.get = get;
        this.list = list;
        this.search = search;
        this.states = states;
        this.links = links;
        this.connections = connections;
        this.calls = calls;
    }

    List<AgentTool> tools() {
        return List.of(getLead(), findLeads());
    }

    private AgentTool getLead() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("leadId", ToolSchemas.string("The lead: " + LeadField.LEAD_ID.rule()));
        Tool tool = Tool.builder("get_lead", ToolSchemas.object(properties, List.of("leadId")))
                .title("Read a lead and where it stands in each CRM")
                .description("Read one lead of this workspace: every field, and for each CRM connection its state: "
                        + "DELIVERED (with the CRM record id), WAITING (queued or retrying, with the last error), "
                        + "SKIPPED or FAILED (with the reason, e.g. no work email, suppressed, the CRM's refusal), or "
                        + "NOT_SENT (never routed there).")
                .annotations(new ToolAnnotations("Read a lead", true, false, true, false, null)).build();
        return new DefinedTool(tool, this::getLead);
    }

    private CallToolResult getLead(AgentPrincipal agent, Map<String, Object> raw) {
        ToolArguments args = new ToolArguments(raw);
        args.onlyThese(Set.of("leadId"), "leadId");
        Optional<LeadId> leadId = args.leadId();
        if (!args.valid()) {
            return calls.results().invalid("The call has invalid arguments", args.violations());
        }
        return calls.guarded(() -> {
            Lead lead = get.get(new GetLeadQuery(agent.workspaceId(), leadId.orElseThrow()));
            List<CrmConnection> all = connections.targets(agent.workspaceId()).connections().stream()
                    .map(ListAgentTargetsUseCase.Candidate::connection).toList();
            Map<ConnectionId, LeadLinksUseCase.LeadLink> linked = links.links(agent.workspaceId(), lead.id()).stream()
                    .collect(Collectors.toMap(LeadLinksUseCase.LeadLink::connectionId, Function.identity(),
                            (a, b) -> a));
            Map<ConnectionId, CrmConnection> byId = all.stream()
                    .collect(Collectors.toMap(CrmConnection::id, Function.identity()));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("lead", Answers.lead(lead));
            answer.put("crms", states.states(agent.workspaceId(), lead.id(), all).stream()
                    .map(state -> crm(state, byId.get(state.connectionId()), linked.get(state.connectionId())))
                    .toList());
            return calls.results().ok(answer);
        });
    }

    private static Map<String, Object> crm(LeadDeliveryState state, CrmConnection connection,
                                           LeadLinksUseCase.LeadLink link) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("connectionId", state.connectionId().toString());
        row.put("kind", connection.kind().name());
        row.put("state", state.status().name());
        row.put("reason", state.reason().orElse(null));
        row.put("crmRecordId", link == null ? null : link.crmRecordId());
        row.put("lastSyncedAt", link == null ? null : link.lastSyncedAt().toString());
        row.put("deletedInCrm", link != null && link.deletedInCrm());
        return row;
    }

    private AgentTool findLeads() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("text", ToolSchemas.string("Part of a lead's id, work e-mail, name or company (at most "
                + SearchLeadsUseCase.MAX_RESULTS + " matches, newest change first). Leave out to list by status and "
                + "agent."));
        properties.put("status", ToolSchemas.enumOf(Arrays.stream(LeadStatus.values()).map(Enum::name).toList(),
                "Only leads in this status."));
        properties.put("agentId", ToolSchemas.string("Only leads of this agent id."));
        properties.put("page", ToolSchemas.integer("The page, from 0.", 0, MAX_PAGE));
        properties.put("size", ToolSchemas.integer("Leads per page (default " + DEFAULT_SIZE + ").", 1,
                ListLeadsQuery.MAX_PAGE_SIZE));
        Tool tool = Tool.builder("find_leads", ToolSchemas.object(properties, List.of()))
                .title("Find leads")
                .description("Find this workspace's leads, newest change first: by part of their id, e-mail, name "
                        + "or company, and/or by status or agent id, a page at a time. Answers each lead's id, name, "
                        + "e-mail, company, status, agent and last change, the total and whether there are more "
                        + "pages. Use get_lead for one lead's full fields and CRM states.")
                .annotations(new ToolAnnotations("Find leads", true, false, true, false, null)).build();
        return new DefinedTool(tool, this::findLeads);
    }

    private CallToolResult findLeads(AgentPrincipal agent, Map<String, Object> raw) {
        ToolArguments args = new ToolArguments(raw);
        args.onlyThese(Set.of("text", "status", "agentId", "page", "size"), "text, status, agentId, page, size");
        Optional<String> text = args.text("text").map(String::strip).filter(t -> !t.isEmpty());
        Optional<LeadStatus> status = args.text("status").flatMap(name -> parse(args, "status", () ->
                LeadStatus.valueOf(name), "must be one of " + Arrays.toString(LeadStatus.values())));
        Optional<AgentId> agentId = args.text("agentId").flatMap(name -> parse(args, "agentId", () ->
                new AgentId(name), LeadField.AGENT_ID.rule()));
        int page = args.integer("page", 0, MAX_PAGE).orElse(0);
        int size = args.integer("size", 1, ListLeadsQuery.MAX_PAGE_SIZE).orElse(DEFAULT_SIZE);
        if (!args.valid()) {
            return calls.results().invalid("The call has invalid arguments", args.violations());
        }
        List<Lead> leads;
        long total;
        if (text.isPresent()) {
            // The search answers at most MAX_RESULTS leads; status and agent narrow them, pages cut them.
            List<Lead> found = search.search(agent.workspaceId(), text.get()).stream()
                    .filter(lead -> status.isEmpty() || lead.status() == status.get())
                    .filter(lead -> agentId.isEmpty() || lead.agentId().equals(agentId)).toList();
            total = found.size();
            leads = found.stream().skip((long) page * size).limit(size).toList();
        } else {
            LeadPage found = list.list(new ListLeadsQuery(agent.workspaceId(), status, agentId, Optional.empty(),
                    page, size));
            total = found.total();
            leads = found.leads();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("leads", leads.stream().map(LeadReadTools::summary).toList());
        answer.put("page", page);
        answer.put("size", size);
        answer.put("total", total);
        answer.put("hasMore", (long) (page + 1) * size < total);
        return calls.results().ok(answer);
    }

    private static Map<String, Object> summary(Lead lead) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("leadId", lead.id().value());
        row.put("firstName", lead.value(LeadField.FIRST_NAME).orElse(null));
        row.put("lastName", lead.lastName());
        row.put("workEmail", lead.value(LeadField.WORK_EMAIL).orElse(null));
        row.put("companyName", lead.value(LeadField.COMPANY_NAME).orElse(null));
        row.put("status", lead.status().name());
        row.put("agentId", lead.agentId().map(AgentId::value).orElse(null));
        row.put("updatedAt", LeadField.canonicalInstant(lead.updatedAt()));
        return row;
    }

    private static <T> Optional<T> parse(ToolArguments args, String name, java.util.function.Supplier<T> parser,
                                         String rule) {
        try {
            return Optional.of(parser.get());
        } catch (IllegalArgumentException | InvalidLeadException e) {
            args.refuse(name, rule);
            return Optional.empty();
        }
    }
}
