package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.agent.LeadRequestParser.Mode;
import io.leadsync.adapters.in.http.agent.LeadRequestParser.ParsedLead;
import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.GetLeadQuery;
import io.leadsync.application.port.in.capture.GetLeadUseCase;
import io.leadsync.application.port.in.capture.LeadActionCommand;
import io.leadsync.application.port.in.capture.LeadActionResult;
import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.capture.PerformLeadActionUseCase;
import io.leadsync.application.port.in.capture.LeadPage;
import io.leadsync.application.port.in.capture.ListLeadsQuery;
import io.leadsync.application.port.in.capture.ListLeadsUseCase;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.lead.LeadStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent lead API. Bodies are taken as text and parsed here, so that the JSON type of every member can be
 * checked and every bad member reported together, instead of being coerced or failing on the first one.
 */
@Controller(ListLeadsParameters.PATH)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
final class LeadController {
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final PerformLeadActionUseCase actions;
    private final IdempotentRequests idempotent;
    private final GetLeadUseCase get;
    private final ListLeadsUseCase list;
    private final JsonMapper json;
    private final io.leadsync.application.port.in.pull.LeadLinksUseCase links;

    LeadController(PerformLeadActionUseCase actions, IdempotentRequests idempotent, GetLeadUseCase get,
                   ListLeadsUseCase list, JsonMapper json,
                   @Nullable io.leadsync.application.port.in.pull.LeadLinksUseCase links) {
        this.links = links;
        this.actions = actions;
        this.idempotent = idempotent;
        this.get = get;
        this.list = list;
        this.json = json;
    }

    /**
     * Creates the lead named by the body's leadId, or updates it: 201 with its location, or 200. Optional members
     * {@code targets} and {@code dryRun} choose the CRMs and ask for a preview (ADR 0020); a dry run is always 200.
     */
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<JsonNode> capture(HttpRequest<?> request, @Nullable @Body byte[] raw,
                                   Authentication authentication) {
        AgentPrincipal agent = AgentAuthentications.toPrincipal(authentication);
        String body = JsonBodies.utf8(raw);
        ActionOptions options = ActionOptions.extract(JsonBodies.readObject(json, body), request);
        ParsedLead parsed = LeadRequestParser.parse(options.rest(), Mode.CAPTURE, null);
        if (!parsed.valid()) {
            throw parsed.rejection(lastNameIfNew(agent, parsed));
        }
        LeadId leadId = parsed.leadId().orElseThrow();
        return idempotent.run(request, agent, body, options.dryRun(), () -> {
            LeadActionResult result = actions.perform(new LeadActionCommand(agent.workspaceId(), agent.actor(),
                    LeadActionCommand.Write.CAPTURE, leadId, parsed.values(), Optional.empty(), options.targets(),
                    options.dryRun()));
            JsonNode lead = ActionJson.toJson(result, options.dryRun());
            return result.outcome().created() && !options.dryRun()
                    ? HttpResponse.created(lead, URI.create(ListLeadsParameters.PATH + "/" + leadId.value()))
                    : HttpResponse.ok(lead);
        });
    }

    /** JSON merge patch of a lead's fields: absent members stay, null clears. */
    @Patch("/{leadId}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    HttpResponse<JsonNode> patch(HttpRequest<?> request, @PathVariable String leadId, @Nullable @Body byte[] raw,
                                 Authentication authentication) {
        AgentPrincipal agent = AgentAuthentications.toPrincipal(authentication);
        String body = JsonBodies.utf8(raw);
        LeadId id = pathLeadId(leadId);
        ActionOptions options = ActionOptions.extract(JsonBodies.readObject(json, body), request);
        ParsedLead parsed = LeadRequestParser.parse(options.rest(), Mode.PATCH, id);
        if (!parsed.valid()) {
            throw parsed.rejection(List.of());
        }
        return idempotent.run(request, agent, body, options.dryRun(), () -> HttpResponse.ok(ActionJson.toJson(
                actions.perform(new LeadActionCommand(agent.workspaceId(), agent.actor(), LeadActionCommand.Write.PATCH,
                        id, parsed.values(), Optional.empty(), options.targets(), options.dryRun())),
                options.dryRun())));
    }

    /** Moves a lead to another status: {@code {"status": "QUALIFIED"}}. */
    @Put("/{leadId}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<JsonNode> changeStatus(HttpRequest<?> request, @PathVariable String leadId,
                                        @Nullable @Body byte[] raw, Authentication authentication) {
        AgentPrincipal agent = AgentAuthentications.toPrincipal(authentication);
        String body = JsonBodies.utf8(raw);
        LeadId id = pathLeadId(leadId);
        ActionOptions options = ActionOptions.extract(JsonBodies.readObject(json, body), request);
        LeadStatus status = StatusRequestParser.parse(options.rest());
        return idempotent.run(request, agent, body, options.dryRun(), () -> HttpResponse.ok(ActionJson.toJson(
                actions.perform(new LeadActionCommand(agent.workspaceId(), agent.actor(), LeadActionCommand.Write.STATUS,
                        id, Map.of(), Optional.of(status), options.targets(), options.dryRun())),
                options.dryRun())));
    }

    @Get("/{leadId}")
    HttpResponse<JsonNode> get(@PathVariable String leadId, Authentication authentication) {
        AgentPrincipal agent = AgentAuthentications.toPrincipal(authentication);
        io.leadsync.domain.lead.Lead lead = get.get(new GetLeadQuery(agent.workspaceId(), pathLeadId(leadId)));
        // Without the CRM links (an agent API alone, as in its own tests) no conversion is known.
        return HttpResponse.ok(LeadResponseMapper.withConversions(LeadResponseMapper.toJson(lead),
                links == null ? java.util.List.of() : links.links(agent.workspaceId(), lead.id())));
    }

    @Get
    HttpResponse<JsonNode> list(HttpRequest<?> request, Authentication authentication) {
        AgentPrincipal agent = AgentAuthentications.toPrincipal(authentication);
        ListLeadsQuery query = ListLeadsParameters.toQuery(agent.workspaceId(), request.getParameters());
        LeadPage page = list.list(query);
        return HttpResponse.ok(LeadResponseMapper.toJson(page, ListLeadsParameters.next(query, page)));
    }

    /** A path id that breaks the lead id rule names no lead, so it is answered like any unknown lead. */
    private static LeadId pathLeadId(String text) {
        try {
            return new LeadId(text);
        } catch (InvalidLeadException e) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "This workspace has no such lead.");
        }
    }

    /**
     * A body with other violations and no lastName would also fail for lack of a last name if the lead is new; say
     * so now rather than in a second round trip.
     */
    private List<FieldViolation> lastNameIfNew(AgentPrincipal agent, ParsedLead parsed) {
        boolean lastNameAbsent = !parsed.values().containsKey(LeadField.LAST_NAME)
                && parsed.violations().stream().noneMatch(v -> v.field().equals(LeadField.LAST_NAME.apiName()));
        if (!lastNameAbsent || parsed.leadId().isEmpty()) {
            return List.of();
        }
        try {
            get.get(new GetLeadQuery(agent.workspaceId(), parsed.leadId().get()));
            return List.of();
        } catch (LeadNotFoundException e) {
            return List.of(new FieldViolation(LeadField.LAST_NAME.apiName(), "is required"));
        }
    }
}
