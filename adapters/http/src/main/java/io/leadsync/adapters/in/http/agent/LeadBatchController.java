package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.agent.LeadRequestParser.Mode;
import io.leadsync.adapters.in.http.agent.LeadRequestParser.ParsedLead;
import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.CaptureBatchCommand;
import io.leadsync.application.port.in.capture.CaptureBatchResult;
import io.leadsync.application.port.in.capture.CaptureLeadsUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Batch capture (ADR 0102): {@code POST /api/v1/leads/batch} with {@code {"leads": [...], "targets": [...],
 * "allOrNone": false}}, up to {@value CaptureLeadsUseCase#MAX_LEADS} leads, each as the single capture's body. Every
 * lead is answered in order with what happened to it; a bad lead is named by its place ({@code /leads/3/workEmail})
 * and the others are written, unless the batch asks for all or none (then nothing is, and the answer is a 422).
 */
@Controller(ListLeadsParameters.PATH + "/batch")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
final class LeadBatchController {
    static final String LEADS = "leads";
    static final String ALL_OR_NONE = "allOrNone";
    private static final Set<String> MEMBERS = Set.of(LEADS, ActionOptions.TARGETS, ALL_OR_NONE);

    private final CaptureLeadsUseCase capture;
    private final IdempotentRequests idempotent;
    private final JsonMapper json;

    LeadBatchController(CaptureLeadsUseCase capture, IdempotentRequests idempotent, JsonMapper json) {
        this.capture = capture;
        this.idempotent = idempotent;
        this.json = json;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<JsonNode> capture(HttpRequest<?> request, @Nullable @Body byte[] raw, Authentication authentication) {
        AgentPrincipal agent = AgentAuthentications.toPrincipal(authentication);
        String body = JsonBodies.utf8(raw);
        JsonNode tree = JsonBodies.readObject(json, body);
        List<ProblemError> bad = new ArrayList<>();
        tree.entries().forEach(member -> {
            if (!MEMBERS.contains(member.getKey())) {
                bad.add(ProblemError.ofField(member.getKey(), "is not a member of a batch; a lead's fields go "
                        + "inside its entry of leads"));
            }
        });
        boolean allOrNone = allOrNone(tree.get(ALL_OR_NONE), bad);
        JsonNode leads = leads(tree.get(LEADS), bad);
        ActionOptions options = ActionOptions.extract(JsonNode.createObjectNode(tree.get(ActionOptions.TARGETS) == null
                ? Map.of() : Map.of(ActionOptions.TARGETS, tree.get(ActionOptions.TARGETS))), request);
        if (options.dryRun()) {
            bad.add(ProblemError.ofParameter(ActionOptions.DRY_RUN, "is not offered for batches; preview one lead "
                    + "with POST " + ListLeadsParameters.PATH + "?dryRun=true"));
        }
        if (!bad.isEmpty()) {
            throw new BadRequestException(ProblemType.INVALID_REQUEST, "The batch is invalid; nothing was written.",
                    bad);
        }
        List<ParsedLead> parsed = new ArrayList<>();
        for (int i = 0; i < leads.size(); i++) {
            JsonNode lead = leads.get(i);
            parsed.add(lead.isObject() ? LeadRequestParser.parse(lead, Mode.CAPTURE, null) : null);
        }
        BatchJson.Parsed items = BatchJson.items(parsed);
        if (allOrNone && items.anyInvalid()) {
            throw BatchJson.refusedBatch(items.invalid());
        }
        return idempotent.run(request, agent, body, false, () -> {
            CaptureBatchResult result = items.valid().isEmpty() ? new CaptureBatchResult(List.of(), false)
                    : capture.capture(new CaptureBatchCommand(agent.workspaceId(), agent.actor(), items.valid(),
                    options.targets(), allOrNone));
            if (allOrNone && !result.written()) {
                throw BatchJson.refusedBatch(BatchJson.refusals(items, result));
            }
            return HttpResponse.ok(BatchJson.toJson(items, result));
        });
    }

    private static boolean allOrNone(JsonNode flag, List<ProblemError> bad) {
        if (flag == null || flag.isNull()) {
            return false;
        }
        if (!flag.isBoolean()) {
            bad.add(ProblemError.ofField(ALL_OR_NONE, "must be a JSON boolean"));
            return false;
        }
        return flag.getBooleanValue();
    }

    private static JsonNode leads(JsonNode leads, List<ProblemError> bad) {
        if (leads == null || leads.isNull()) {
            bad.add(ProblemError.ofField(LEADS, "is required: a JSON array of 1 to " + CaptureLeadsUseCase.MAX_LEADS
                    + " leads"));
            return JsonNode.createArrayNode(List.of());
        }
        if (!leads.isArray() || leads.size() == 0 || leads.size() > CaptureLeadsUseCase.MAX_LEADS) {
            bad.add(ProblemError.ofField(LEADS, "must be a JSON array of 1 to " + CaptureLeadsUseCase.MAX_LEADS
                    + " leads" + (leads.isArray() && leads.size() > 0 ? ", not " + leads.size()
                    + "; split it into several batches" : "")));
            return JsonNode.createArrayNode(List.of());
        }
        return leads;
    }
}
