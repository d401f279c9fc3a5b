package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.agent.LeadRequestParser.ParsedLead;
import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.capture.ActionReport;
import io.leadsync.application.port.in.capture.CaptureBatchCommand;
import io.leadsync.application.port.in.capture.CaptureBatchResult;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.LeadId;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A batch's leads as parsed, and its answer: per lead, in the request's order, its outcome, or why it was refused
 * with each broken rule named by the lead's place in the batch ({@code /leads/3/workEmail}, {@code leads[3].workEmail}).
 */
final class BatchJson {
    private BatchJson() {
    }

    /** The batch's leads: those the adapter could read, by place, and the refused ones' errors, by place. */
    record Parsed(int size, List<Integer> validPlaces, List<CaptureBatchCommand.Item> valid,
                  Map<Integer, List<ProblemError>> invalid, Map<Integer, String> leadIds) {
        boolean anyInvalid() {
            return !invalid.isEmpty();
        }
    }

    /** @param parsed each lead as parsed, null where the entry was not a JSON object */
    static Parsed items(List<ParsedLead> parsed) {
        List<Integer> places = new ArrayList<>();
        List<CaptureBatchCommand.Item> valid = new ArrayList<>();
        Map<Integer, List<ProblemError>> invalid = new TreeMap<>();
        Map<Integer, String> leadIds = new LinkedHashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            ParsedLead lead = parsed.get(i);
            if (lead == null) {
                invalid.put(i, List.of(new ProblemError("/leads/" + i, "leads[" + i + "]", null,
                        "must be a JSON object: one lead, as POST " + ListLeadsParameters.PATH + " takes it")));
                continue;
            }
            int place = i;
            lead.leadId().ifPresent(id -> leadIds.put(place, id.value()));
            if (!lead.valid()) {
                invalid.put(i, errors(i, lead.violations()));
                continue;
            }
            places.add(i);
            valid.add(new CaptureBatchCommand.Item(lead.leadId().orElseThrow(), lead.values()));
        }
        return new Parsed(parsed.size(), places, valid, invalid, leadIds);
    }

    /** An all-or-none batch with refused leads: one 422 naming every broken rule; nothing was written. */
    static BadRequestException refusedBatch(Map<Integer, List<ProblemError>> refused) {
        List<ProblemError> errors = new ArrayList<>();
        refused.values().forEach(errors::addAll);
        return new BadRequestException(ProblemType.INVALID_LEAD, refused.size() + (refused.size() == 1
                ? " lead of the batch was" : " leads of the batch were") + " refused and the batch asked for all or "
                + "none; nothing was written.", errors);
    }

    /** Every refused lead's errors by place: the adapter's and the use case's. */
    static Map<Integer, List<ProblemError>> refusals(Parsed items, CaptureBatchResult result) {
        Map<Integer, List<ProblemError>> refused = new TreeMap<>(items.invalid());
        for (int k = 0; k < result.leads().size(); k++) {
            CaptureBatchResult.Item item = result.leads().get(k);
            if (item.refusal().filter(why -> why != CaptureBatchResult.Refusal.NOT_WRITTEN).isPresent()) {
                refused.put(items.validPlaces().get(k), errors(items.validPlaces().get(k), item.violations()));
            }
        }
        return refused;
    }

    static JsonNode toJson(Parsed items, CaptureBatchResult result) {
        Map<Integer, CaptureBatchResult.Item> byPlace = new LinkedHashMap<>();
        for (int k = 0; k < result.leads().size(); k++) {
            byPlace.put(items.validPlaces().get(k), result.leads().get(k));
        }
        Map<CaptureBatchResult.Outcome, Integer> counts = new LinkedHashMap<>();
        for (CaptureBatchResult.Outcome outcome : CaptureBatchResult.Outcome.values()) {
            counts.put(outcome, 0);
        }
        List<JsonNode> leads = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, JsonNode> member = new LinkedHashMap<>();
            member.put("index", JsonNode.createNumberNode(i));
            CaptureBatchResult.Item item = byPlace.get(i);
            Optional<String> leadId = item != null ? Optional.of(item.leadId().value())
                    : Optional.ofNullable(items.leadIds().get(i));
            leadId.ifPresent(id -> member.put("leadId", JsonNode.createStringNode(id)));
            CaptureBatchResult.Outcome outcome = item == null ? CaptureBatchResult.Outcome.REFUSED : item.outcome();
            counts.merge(outcome, 1, Integer::sum);
            member.put("outcome", JsonNode.createStringNode(outcome.name()));
            if (item == null) {
                member.put("reason", JsonNode.createStringNode(CaptureBatchResult.Refusal.INVALID.name()));
                member.put("errors", errorsJson(items.invalid().get(i)));
            } else if (item.refusal().isPresent()) {
                member.put("reason", JsonNode.createStringNode(item.refusal().get().name()));
                item.duplicateOf().map(LeadId::value).ifPresent(id ->
                        member.put("duplicateOf", JsonNode.createStringNode(id)));
                member.put("errors", errorsJson(errors(i, item.violations())));
            } else {
                written(member, item);
            }
            leads.add(JsonNode.createObjectNode(member));
        }
        Map<String, JsonNode> body = new LinkedHashMap<>();
        counts.forEach((outcome, count) -> body.put(outcome.name().toLowerCase(java.util.Locale.ROOT),
                JsonNode.createNumberNode(count)));
        body.put("leads", JsonNode.createArrayNode(leads));
        return JsonNode.createObjectNode(body);
    }

    private static void written(Map<String, JsonNode> member, CaptureBatchResult.Item item) {
        item.lead().ifPresent(lead -> {
            member.put("version", JsonNode.createNumberNode(lead.version()));
            member.put("status", JsonNode.createStringNode(lead.status().name()));
        });
        item.trackingId().ifPresent(id -> member.put("trackingId", JsonNode.createStringNode(id.toString())));
        item.rule().ifPresent(rule -> member.put("routedBy", JsonNode.createStringNode(rule)));
        boolean changed = item.outcome() != CaptureBatchResult.Outcome.UNCHANGED;
        member.put("targets", JsonNode.createArrayNode(item.targets().stream().map(target -> {
            Map<String, JsonNode> json = new LinkedHashMap<>();
            json.put("connectionId", JsonNode.createStringNode(target.connectionId().toString()));
            json.put("kind", JsonNode.createStringNode(target.kind().name()));
            json.put("status", JsonNode.createStringNode(changed ? ActionReport.Status.QUEUED.name()
                    : ActionReport.Status.SKIPPED.name()));
            return JsonNode.createObjectNode(json);
        }).toList()));
    }

    private static List<ProblemError> errors(int place, List<FieldViolation> violations) {
        return violations.stream().map(violation -> new ProblemError("/leads/" + place + "/"
                + violation.field().replace("~", "~0").replace("/", "~1"), "leads[" + place + "]."
                + violation.field(), null, violation.rule())).toList();
    }

    private static JsonNode errorsJson(List<ProblemError> errors) {
        return JsonNode.createArrayNode(errors.stream().map(error -> {
            Map<String, JsonNode> json = new LinkedHashMap<>();
            json.put("pointer", JsonNode.createStringNode(error.pointer()));
            json.put("field", JsonNode.createStringNode(error.field()));
            json.put("detail", JsonNode.createStringNode(error.detail()));
            return JsonNode.createObjectNode(json);
        }).toList());
    }
}
